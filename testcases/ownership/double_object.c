/*
 * Shaped after afu_dma_map_region() in drivers/fpga/dfl-afu-dma-region.c
 * and xdp_umem_reg() in net/xdp/xdp_umem.c: a wrapper pins into a field
 * of an object, another unpins that field, and an error path calls the
 * unpinning wrapper before jumping to a label that calls it again.  The
 * object may be the function's own (allocated here) or its caller's
 * (a parameter): releasing twice is wrong whoever owns it, while an
 * error return that leaves the caller's object holding its pages is not
 * a leak of this function's.
 */
#include "api.h"

struct region {
	unsigned long addr;
	int npages;
	struct page **pages;
};

void *kzalloc(unsigned long size, int flags);
void kfree(const void *p);
int check(struct region *r);
int map(struct region *r);

static int region_pin(struct region *r)
{
	int pinned = pin_user_pages_fast(r->addr, r->npages, 0, r->pages);

	if (pinned != r->npages) {
		if (pinned > 0)
			unpin_user_pages(r->pages, pinned);
		return -14;
	}
	return 0;
}

static void region_unpin(struct region *r)
{
	unpin_user_pages(r->pages, r->npages);
}

int map_own(unsigned long addr, int n)
{
	struct region *r = kzalloc(sizeof(*r), 0);
	int ret;

	if (!r)
		return -12;
	r->addr = addr;
	r->npages = n;
	ret = region_pin(r);
	if (ret)
		goto free_region;
	if (!check(r)) {
		ret = -22;
		region_unpin(r);
		goto unpin;
	}
	return 0;
unpin:
	region_unpin(r);
free_region:
	kfree(r);
	return ret;
}

int map_theirs(struct region *r)
{
	int err = region_pin(r);

	if (err)
		return err;
	err = map(r);
	if (err) {
		region_unpin(r);
		goto out_unpin;
	}
	return 0;
out_unpin:
	region_unpin(r);
	return err;
}

/* the caller's region keeps its pages on this error: not a leak here */
int map_kept(struct region *r)
{
	int err = region_pin(r);

	if (err)
		return err;
	if (map(r))
		return -5;
	return 0;
}

/*
 * check-name: pages an object holds, released twice through the wrappers, whoever owns the object
 * check-exit-value: 1
 *
 * check-output-start
double_object.c:60:2: warning: the pages region_pin() took at line 50 are released a second time here: this path released them at line 55 already [gup/double-release]
double_object.c:79:2: warning: the pages region_pin() took at line 68 are released a second time here: this path released them at line 74 already [gup/double-release]
 * check-output-end
 */
