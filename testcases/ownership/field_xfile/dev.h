#include "../api.h"
struct mydev {
	struct page **pages;
	int npages;
};
int mydev_pin(struct mydev *d, unsigned long addr, int n);
void mydev_release(struct mydev *d);
