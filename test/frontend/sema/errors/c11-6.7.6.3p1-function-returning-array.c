typedef int arr[3];
arr f(void);
