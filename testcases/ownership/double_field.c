/*
 * Shaped after xdp_umem_pin_pages() in net/xdp/xdp_umem.c: pages pinned
 * straight into a field of the caller's object, and an error path that
 * calls the unpinning wrapper, given the object, before jumping to a
 * label that calls it again.  The second function is the code as the
 * kernel has it: one call on each path.
 */
#include "api.h"

struct umem {
	struct page **pgs;
	unsigned int npgs;
};

void *kvcalloc(unsigned long n, unsigned long size, int flags);
void kvfree(const void *p);

static void umem_unpin_pages(struct umem *umem)
{
	unpin_user_pages_dirty_lock(umem->pgs, umem->npgs, true);
	kvfree(umem->pgs);
	umem->pgs = NULL;
}

int umem_pin_twice(struct umem *umem, unsigned long address)
{
	long npgs;
	int err;

	umem->pgs = kvcalloc(umem->npgs, sizeof(*umem->pgs), 0);
	if (!umem->pgs)
		return -12;
	npgs = pin_user_pages(address, umem->npgs, FOLL_WRITE | FOLL_LONGTERM,
			      &umem->pgs[0]);
	if (npgs != umem->npgs) {
		if (npgs >= 0) {
			umem->npgs = npgs;
			err = -12;
			umem_unpin_pages(umem);
			goto out_pin;
		}
		err = npgs;
		goto out_pgs;
	}
	return 0;

out_pin:
	umem_unpin_pages(umem);
out_pgs:
	kvfree(umem->pgs);
	umem->pgs = NULL;
	return err;
}

int umem_pin_once(struct umem *umem, unsigned long address)
{
	long npgs;
	int err;

	umem->pgs = kvcalloc(umem->npgs, sizeof(*umem->pgs), 0);
	if (!umem->pgs)
		return -12;
	npgs = pin_user_pages(address, umem->npgs, FOLL_WRITE | FOLL_LONGTERM,
			      &umem->pgs[0]);
	if (npgs != umem->npgs) {
		if (npgs >= 0) {
			umem->npgs = npgs;
			err = -12;
			goto out_pin;
		}
		err = npgs;
		goto out_pgs;
	}
	return 0;

out_pin:
	umem_unpin_pages(umem);
out_pgs:
	kvfree(umem->pgs);
	umem->pgs = NULL;
	return err;
}

/*
 * check-name: pages in a field of the caller's object, released twice through the wrapper given the object
 * check-exit-value: 1
 *
 * check-output-start
double_field.c:48:2: warning: the pages pin_user_pages() took at line 33 are released a second time here: this path released them at line 39 already [gup/double-release]
 * check-output-end
 */
