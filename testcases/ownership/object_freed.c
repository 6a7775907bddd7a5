/*
 * Shaped after dma_map_host_va() in drivers/accel/habanalabs/common/
 * memory.c of 6.12: a wrapper of a wrapper pins into a field of an object
 * the function allocated (hl_pin_host_memory() calls get_user_memory(),
 * which pins into userptr->pages and tells its success by returning 0,
 * although it returns the variable the pin's count went into).  The
 * object is stored where the caller sees it before a later step fails;
 * freeing it then, without the unpinning wrapper, loses the pins.  The
 * store does not make the object the caller's alone, and the object's
 * own free is the loss, not only a free of its page array.
 */
#include "api.h"

struct hl_userptr {
	struct page **pages;
	unsigned int npages;
	int dma_mapped;
};

void *kzalloc(unsigned long size, int flags);
void *kvmalloc_array(unsigned long n, unsigned long size, int flags);
void kfree(const void *p);
void kvfree(const void *p);
int map_it(struct hl_userptr *userptr);

static int get_user_memory(unsigned long start, unsigned int npages,
			   struct hl_userptr *userptr)
{
	int rc;

	userptr->pages = kvmalloc_array(npages, sizeof(struct page *), 0);
	if (!userptr->pages)
		return -12;
	rc = pin_user_pages_fast(start, npages, FOLL_WRITE | FOLL_LONGTERM,
				 userptr->pages);
	if (rc != npages) {
		if (rc < 0)
			goto destroy_pages;
		npages = rc;
		rc = -12;
		goto put_pages;
	}
	userptr->npages = npages;
	return 0;

put_pages:
	unpin_user_pages(userptr->pages, npages);
destroy_pages:
	kvfree(userptr->pages);
	return rc;
}

static int pin_host_memory(unsigned long addr, unsigned int npages,
			   struct hl_userptr *userptr)
{
	int rc;

	if (!npages)
		return -22;
	rc = get_user_memory(addr, npages, userptr);
	if (rc)
		return rc;
	return 0;
}

static void unpin_host_memory(struct hl_userptr *userptr)
{
	unpin_user_pages(userptr->pages, userptr->npages);
	kvfree(userptr->pages);
}

/* the map fails: the object is freed with its pages pinned */
int map_host_va_leaks(unsigned long addr, unsigned int npages,
		      struct hl_userptr **p_userptr)
{
	struct hl_userptr *userptr;
	int rc;

	userptr = kzalloc(sizeof(*userptr), 0);
	if (!userptr)
		return -12;
	rc = pin_host_memory(addr, npages, userptr);
	if (rc)
		goto pin_err;
	userptr->dma_mapped = 1;
	*p_userptr = userptr;
	rc = map_it(userptr);
	if (rc)
		goto pin_err;
	return 0;

pin_err:
	kfree(userptr);
	return rc;
}

/* as the driver does: unpinned before the object is freed */
int map_host_va_ok(unsigned long addr, unsigned int npages,
		   struct hl_userptr **p_userptr)
{
	struct hl_userptr *userptr;
	int rc;

	userptr = kzalloc(sizeof(*userptr), 0);
	if (!userptr)
		return -12;
	rc = pin_host_memory(addr, npages, userptr);
	if (rc)
		goto pin_err;
	userptr->dma_mapped = 1;
	*p_userptr = userptr;
	rc = map_it(userptr);
	if (rc)
		goto dma_map_err;
	return 0;

dma_map_err:
	unpin_host_memory(userptr);
pin_err:
	kfree(userptr);
	return rc;
}

/*
 * published and failed: the caller holds the object now, and what it does
 * with it after an error is its own business (no finding)
 */
int map_host_va_published(unsigned long addr, unsigned int npages,
			  struct hl_userptr **p_userptr)
{
	struct hl_userptr *userptr;
	int rc;

	userptr = kzalloc(sizeof(*userptr), 0);
	if (!userptr)
		return -12;
	rc = pin_host_memory(addr, npages, userptr);
	if (rc) {
		kfree(userptr);
		return rc;
	}
	*p_userptr = userptr;
	rc = map_it(userptr);
	if (rc)
		return rc;
	return 0;
}

/*
 * check-name: an object holding pages pinned by a wrapper of a wrapper is freed before they are unpinned
 * check-exit-value: 1
 * expect: gup/leak at 93 (map_host_va_leaks(): kfree(userptr) with userptr->pages pinned, after *p_userptr = userptr); none in map_host_va_ok() (unpinned first) or map_host_va_published() (an error return leaves the published object to the caller)
 *
 * check-output-start
object_freed.c:93:2: warning: map_host_va_leaks() frees userptr while the pages pin_host_memory() took at line 82 are still pinned: nothing on the way here releases them or hands them on; release them first [gup/leak]
 * check-output-end
 */
