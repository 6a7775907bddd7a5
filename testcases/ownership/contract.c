/* bio_add_hw_page()'s same_page: the caller keeps the page's reference. */
#include "api.h"
struct request_queue;
struct bio;
int bio_add_hw_page(struct request_queue *q, struct bio *bio,
		    struct page *page, unsigned int len, unsigned int offset,
		    unsigned int max_sectors, int *same_page);
#define bool int
#define false 0

/* 6.1's bio_map_user_iov(): same_page read only when the add failed */
int map_leaks(struct request_queue *q, struct bio *bio, struct iov_iter *it,
	      struct page **pages, int npages)
{
	int j;

	if (iov_iter_get_pages2(it, pages, 65536, npages, 0) <= 0)
		return -14;
	for (j = 0; j < npages; j++) {
		struct page *page = pages[j];
		bool same_page = false;

		if (!bio_add_hw_page(q, bio, page, 4096, 0, 128, &same_page)) {
			if (same_page)
				put_page(page);
			break;
		}
	}
	while (j < npages)
		put_page(pages[j++]);
	return 0;
}

/* 6.12's: read after every success */
int map_right(struct request_queue *q, struct bio *bio, struct iov_iter *it,
	      struct page **pages, int npages)
{
	int j;

	if (iov_iter_get_pages2(it, pages, 65536, npages, 0) <= 0)
		return -14;
	for (j = 0; j < npages; j++) {
		struct page *page = pages[j];
		bool same_page = false;

		if (!bio_add_hw_page(q, bio, page, 4096, 0, 128, &same_page))
			break;
		if (same_page)
			put_page(page);
	}
	while (j < npages)
		put_page(pages[j++]);
	return 0;
}

/*
 * check-name: bio_add_hw_page()'s same_page read on every path from a success, or the reference leaks
 * check-exit-value: 1
 *
 * check-output-start
contract.c:23:8: warning: when bio_add_hw_page() succeeds with same_page set, it took the page as part of the one before and the reference this function holds is its own to release; a path from here never looks at same_page, so that reference leaks [gup/leak]
 * check-output-end
 *
 * check-json: coverage.parsed_with_errors = 0
 */
