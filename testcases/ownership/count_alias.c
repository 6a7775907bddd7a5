/*
 * The count asked for, kept under another name: a field of the object
 * (tee_shm.c's shm->num_pages) or a local copy, released after a result
 * that may be short.  Shaped after register_shm_helper() before and after
 * d5cf5b37064b ("tee: fix register_shm_helper()"): the fix compares the
 * page count computed from the bytes extracted, DIV_ROUND_UP(len + off,
 * PAGE_SIZE), with the count asked for, and that is a test of the result.
 */
#include "api.h"
#define PAGE_SIZE 4096UL
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
void *kcalloc(size_t n, size_t size, unsigned int flags);
void kfree(const void *p);
int shm_register(struct page **pages, size_t n);

struct shm {
	struct page **pages;
	size_t num_pages;
};

/* the field holds num_pages; a short extraction is not tested */
int field_over(struct shm *shm, struct iov_iter *iter, size_t num_pages)
{
	size_t off;
	ssize_t len;

	shm->pages = kcalloc(num_pages, sizeof(*shm->pages), 0);
	if (!shm->pages)
		return -12;
	len = iov_iter_extract_pages(iter, &shm->pages, 1UL << 30, num_pages,
				     0, &off);
	if (len <= 0) {
		kfree(shm->pages);
		return -12;
	}
	shm->num_pages = num_pages;
	if (shm_register(shm->pages, shm->num_pages)) {
		if (iov_iter_extract_will_pin(iter))
			unpin_user_pages(shm->pages, shm->num_pages);
		kfree(shm->pages);
		return -22;
	}
	return 0;
}

/* the fix: a short extraction records what was taken and goes out */
int field_right(struct shm *shm, struct iov_iter *iter, size_t num_pages)
{
	size_t off;
	ssize_t len;

	shm->pages = kcalloc(num_pages, sizeof(*shm->pages), 0);
	if (!shm->pages)
		return -12;
	len = iov_iter_extract_pages(iter, &shm->pages, 1UL << 30, num_pages,
				     0, &off);
	if (len <= 0) {
		kfree(shm->pages);
		return -12;
	} else if (DIV_ROUND_UP(len + off, PAGE_SIZE) != num_pages) {
		shm->num_pages = len / PAGE_SIZE;
		goto err_put;
	}
	shm->num_pages = num_pages;
	if (shm_register(shm->pages, shm->num_pages))
		goto err_put;
	return 0;
err_put:
	if (iov_iter_extract_will_pin(iter))
		unpin_user_pages(shm->pages, shm->num_pages);
	kfree(shm->pages);
	return -22;
}

/* a local copy of the count asked for */
int copy_over(unsigned long addr, int nr, struct page **pages)
{
	int want = nr;
	long got = pin_user_pages_fast(addr, nr, FOLL_WRITE, pages);

	if (got <= 0)
		return -14;
	if (shm_register(pages, got)) {
		unpin_user_pages(pages, want);
		return -22;
	}
	return 0;
}

/*
 * check-name: the count asked for under another name (a field, a copy) is still the count asked for
 * check-exit-value: 1
 *
 * check-output-start
count_alias.c:39:4: warning: after iov_iter_extract_pages() took fewer pages than the num_pages asked for, shm->num_pages pages are released, not the len it took: the pages it did not take are released too [gup/leak]
count_alias.c:84:3: warning: after pin_user_pages_fast() took fewer pages than the nr asked for, want pages are released, not the got it took: the pages it did not take are released too [gup/leak]
 * check-output-end
 */
