/*
 * Shaped after block/bio.c of 6.12: the function that extracts the
 * pages into the bio's own vector (a parameter's storage, so the pages
 * are the caller's) hands each to a helper that unpins it without
 * asking, and is itself called by an outer function.  The finding is at
 * the call made by the function that took the pages, not at the outer
 * call that only reaches it.
 */
#include "api.h"

struct bvec {
	struct page *page;
};

struct bio {
	struct bvec *vec;
	int vcnt;
};

static void add_page(struct bio *bio, struct page *page, int same)
{
	if (same) {
		unpin_user_page(page);
		return;
	}
	bio->vec[bio->vcnt++].page = page;
}

static int __bio_fill(struct bio *bio, struct iov_iter *iter)
{
	struct page **pages = (struct page **)(bio->vec + bio->vcnt);
	size_t off;
	ssize_t n, i;

	n = iov_iter_extract_pages(iter, &pages, 65536, 16, 0, &off);
	if (n <= 0)
		return n;
	for (i = 0; i < n; i++)
		add_page(bio, pages[i], i > 0 && pages[i] == pages[i - 1]);
	return 0;
}

int bio_fill(struct bio *bio, struct iov_iter *iter)
{
	int ret = __bio_fill(bio, iter);

	return ret;
}

/*
 * check-name: a release through calls is reported at the call made by the function that took the pages
 * check-exit-value: 1
 * expect: gup/extract-release at 39 (__bio_fill() calling add_page()), not at 45 (bio_fill(), which only calls __bio_fill())
 *
 * check-output-start
extract_way.c:39:3: warning: __bio_fill() releases pages from iov_iter_extract_pages() (extract_way.c:35) by way of extract_way.c:add_page(), which releases them with unpin_user_page() at extract_way.c:23 without asking iov_iter_extract_will_pin(); kvec and bvec iterators take no reference, so release only when it is true, with unpin_user_page() [gup/extract-release]
 * check-output-end
 */
