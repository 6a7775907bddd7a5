#include "api.h"
void *kmalloc_array(size_t n, size_t size, unsigned int flags);
void kvfree(const void *p);
void kfree(const void *p);
int dma_map_sg(void *dev, struct scatterlist *sg, int nents, int dir);
int sg_alloc_table_from_pages(struct sg_table *sgt, struct page **pages,
			      unsigned int n_pages, unsigned int offset,
			      unsigned long size, unsigned int gfp_mask);
void sg_free_table(struct sg_table *table);
int use_them(struct page **pages, int n);

/* page by page, unwound with while (i--): right */
int one_by_one_right(unsigned long addr, int n, struct page **pages)
{
	int i, ret;

	for (i = 0; i < n; i++) {
		ret = get_user_pages_fast(addr + i * 4096, 1, FOLL_WRITE,
					  &pages[i]);
		if (ret != 1)
			goto unwind;
	}
	return 0;
unwind:
	while (i--)
		put_page(pages[i]);
	return -14;
}

/* page by page, unwound with the total: over-release */
int one_by_one_over(unsigned long addr, int n, struct page **pages)
{
	int i, j, ret;

	for (i = 0; i < n; i++) {
		ret = get_user_pages_fast(addr + i * 4096, 1, FOLL_WRITE,
					  &pages[i]);
		if (ret != 1)
			goto unwind;
	}
	return 0;
unwind:
	for (j = 0; j < n; j++)
		put_page(pages[j]);
	return -14;
}

/* a short pin accumulated chunk by chunk: right */
int chunks_right(unsigned long addr, int n, struct page **pages)
{
	int pinned = 0, ret;

	while (pinned < n) {
		ret = pin_user_pages_fast(addr, n - pinned, FOLL_WRITE,
					  pages + pinned);
		if (ret <= 0)
			goto err;
		pinned += ret;
	}
	return 0;
err:
	unpin_user_pages(pages, pinned);
	return -14;
}

/* the same, released with the total: over-release */
int chunks_over(unsigned long addr, int n, struct page **pages)
{
	int pinned = 0, ret;

	while (pinned < n) {
		ret = pin_user_pages_fast(addr, n - pinned, FOLL_WRITE,
					  pages + pinned);
		if (ret <= 0)
			goto err;
		pinned += ret;
	}
	return 0;
err:
	unpin_user_pages(pages, n);
	return -14;
}

/* the same, not released: a leak */
int chunks_leak(unsigned long addr, int n)
{
	struct page **pages = kmalloc_array(n, sizeof(*pages), 0);
	int pinned = 0, ret;

	if (!pages)
		return -12;
	while (pinned < n) {
		ret = pin_user_pages_fast(addr, n - pinned, FOLL_WRITE,
					  pages + pinned);
		if (ret <= 0)
			goto err;
		pinned += ret;
	}
	use_them(pages, n);
	return 0;
err:
	kfree(pages);
	return -14;
}

/* released twice: on the branch, then at the label */
int twice(unsigned long addr, int n, struct page **pages)
{
	int ret = pin_user_pages_fast(addr, n, FOLL_WRITE, pages);

	if (ret < 0)
		return ret;
	if (ret != n) {
		unpin_user_pages(pages, ret);
		goto err;
	}
	if (use_them(pages, n))
		goto err;
	return 0;
err:
	unpin_user_pages(pages, ret);
	return -14;
}

/* a table made from the pages, mapping fails: the pages leak, the table is freed */
int map_fails(unsigned long addr, int n, void *dev)
{
	struct page **pages = kmalloc_array(n, sizeof(*pages), 0);
	struct sg_table sgt;
	int ret;

	if (!pages)
		return -12;
	ret = pin_user_pages_fast(addr, n, FOLL_WRITE, pages);
	if (ret != n) {
		if (ret > 0)
			unpin_user_pages(pages, ret);
		goto out;
	}
	ret = sg_alloc_table_from_pages(&sgt, pages, n, 0, n * 4096, 0);
	if (ret)
		goto unpin;
	if (!dma_map_sg(dev, sgt.sgl, sgt.nents, 0)) {
		sg_free_table(&sgt);
		ret = -5;
		goto out;
	}
	return 0;
unpin:
	unpin_user_pages(pages, n);
out:
	kfree(pages);
	return ret;
}

/* the same, unpinned when the mapping fails: right */
int map_fails_right(unsigned long addr, int n, void *dev)
{
	struct page **pages = kmalloc_array(n, sizeof(*pages), 0);
	struct sg_table sgt;
	int ret;

	if (!pages)
		return -12;
	ret = pin_user_pages_fast(addr, n, FOLL_WRITE, pages);
	if (ret != n) {
		if (ret > 0)
			unpin_user_pages(pages, ret);
		goto out;
	}
	ret = sg_alloc_table_from_pages(&sgt, pages, n, 0, n * 4096, 0);
	if (ret)
		goto unpin;
	if (!dma_map_sg(dev, sgt.sgl, sgt.nents, 0)) {
		sg_free_table(&sgt);
		ret = -5;
		goto unpin;
	}
	return 0;
unpin:
	unpin_user_pages(pages, n);
out:
	kfree(pages);
	return ret;
}

/* released once, whichever way: right */
int once(unsigned long addr, int n, struct page **pages)
{
	int ret = pin_user_pages_fast(addr, n, FOLL_WRITE, pages);

	if (ret < 0)
		return ret;
	if (ret != n)
		goto err;
	if (use_them(pages, n))
		goto err;
	return 0;
err:
	unpin_user_pages(pages, ret);
	return -14;
}

/*
 * a release loop to the count asked for, with a test of each page: the
 * count taken is what the kernel asks for (7f360bec3785)
 */
int loop_test_requested(unsigned long addr, int n)
{
	struct page **pages = kmalloc_array(n, sizeof(*pages), 0);
	int i, got;

	if (!pages)
		return -12;
	got = get_user_pages_fast(addr, n, FOLL_WRITE, pages);
	if (got != n)
		goto out;
	got = use_them(pages, n);
out:
	for (i = 0; i < n; i++)
		if (pages[i])
			put_page(pages[i]);
	kfree(pages);
	return got;
}

/*
 * check-name: the path walk: loops that take pages round by round, counts, twice, a table
 * check-exit-value: 1
 *
 * check-output-start
paths.c:44:3: warning: the loop calling get_user_pages_fast() round by round stopped before the last round, and n pages are released, not the i taken so far: pages never taken are released too [gup/leak]
paths.c:80:2: warning: the loop calling pin_user_pages_fast() round by round stopped before the last round, and n pages are released, not the pinned taken so far: pages never taken are released too [gup/leak]
paths.c:102:2: warning: chunks_leak() frees pages while the pages pin_user_pages_fast() took at line 93 are still pinned: nothing on the way here releases them or hands them on; release them first [gup/leak]
paths.c:121:2: warning: the pages pin_user_pages_fast() took at line 109 are released a second time here: this path released them at line 114 already [gup/double-release]
paths.c:152:2: warning: map_fails() frees pages while the pages pin_user_pages_fast() took at line 134 are still pinned: nothing on the way here releases them or hands them on; release them first [gup/leak]
paths.c:222:4: warning: after get_user_pages_fast() took fewer pages than the n asked for, n pages are released, not the got it took: the pages it did not take are released too [gup/leak]
 * check-output-end
 *
 * check-json: findings.3.rule = "gup/double-release"
 * check-json: coverage.parsed_with_errors = 0
 */
