struct later;
struct s { struct later inner; };
