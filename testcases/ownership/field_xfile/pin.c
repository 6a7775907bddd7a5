/* Pages pinned into a struct field in one file... */
#include "dev.h"

int mydev_pin(struct mydev *d, unsigned long addr, int n)
{
	int ret = pin_user_pages_fast(addr, n, FOLL_WRITE, d->pages);

	if (ret < 0)
		return ret;
	d->npages = ret;
	return 0;
}
