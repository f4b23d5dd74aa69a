int ok_h;
