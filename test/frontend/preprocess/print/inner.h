int innermost;
