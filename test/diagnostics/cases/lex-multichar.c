int c = 'ab';
