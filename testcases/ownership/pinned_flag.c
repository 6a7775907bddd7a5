/*
 * Shaped after fs/direct-io.c, fs/fuse/file.c and block/bio.c of 6.12:
 * a flag records whether iov_iter_extract_pages() pinned the pages (a
 * bool set from iov_iter_extract_will_pin(), a one-bit field, the bio's
 * BIO_PAGE_PINNED), and the helpers that release the pages test it.  The
 * helpers never see where the pages came from; the flag tells them.  A
 * put in the branch where the flag says pinned, or an unpin where it
 * says not pinned, releases against the code's own record.  Counts
 * (nr_pinned), flags of other types, and a release outside the flag's
 * branches are not judged by it.
 */
#include "api.h"

typedef _Bool bool;
struct folio;
void folio_put(struct folio *folio);
void unpin_user_folio(struct folio *folio, unsigned long npages);

enum { BIO_PAGE_PINNED = 1, BIO_PAGE_REFFED = 2 };
struct bio {
	unsigned short bi_flags;
};
bool bio_flagged(struct bio *bio, unsigned int bit);
void bio_set_flag(struct bio *bio, unsigned int bit);

struct dio {
	bool is_pinned;
	struct page *pages[64];
	int head, tail;
};

struct fuse_args {
	bool is_pinned:1;
	bool may_block:1;
};

struct fuse_args_pages {
	struct fuse_args args;
	struct page **pages;
	unsigned int num_pages;
};

int dio_get(struct dio *dio, struct iov_iter *iter)
{
	struct page **pages = dio->pages;
	size_t off;

	dio->is_pinned = iov_iter_extract_will_pin(iter);
	return iov_iter_extract_pages(iter, &pages, 65536, 64, 0, &off);
}

/* the swap of direct-io.c's dio_unpin_page(): put where pinned */
void dio_unpin_page(struct dio *dio, struct page *page)
{
	if (dio->is_pinned)
		put_page(page);
}

void dio_cleanup(struct dio *dio)
{
	if (dio->is_pinned)
		unpin_user_pages(dio->pages + dio->head,
				 dio->tail - dio->head);
	dio->head = dio->tail;
}

/* fuse_release_user_pages(), with release_pages() where pinned */
void fuse_release_user_pages(struct fuse_args_pages *ap)
{
	unsigned int i;

	if (ap->args.is_pinned && ap->num_pages)
		release_pages(ap->pages, ap->num_pages);
	for (i = 0; i < ap->num_pages; i++)
		if (ap->args.may_block)
			put_page(ap->pages[i]);
}

/* an unpin where the flag says the pages are not pinned */
void dio_drop(struct dio *dio, struct page *page)
{
	if (!dio->is_pinned)
		unpin_user_page(page);
	else
		unpin_user_page(page);
}

/* bio_iov_add_folio()'s test, with folio_put() where pinned */
void bio_drop_folio(struct bio *bio, struct folio *folio, bool same_page)
{
	if (same_page && bio_flagged(bio, BIO_PAGE_PINNED))
		folio_put(folio);
}

/* right: unpin where pinned, put where the bio holds references */
void bio_release(struct bio *bio, struct page *page)
{
	if (bio_flagged(bio, BIO_PAGE_PINNED))
		unpin_user_page(page);
	else if (bio_flagged(bio, BIO_PAGE_REFFED))
		put_page(page);
}

/* a count is no flag: the pages may hold references */
void count_drop(struct page **pages, long nr_pinned)
{
	if (nr_pinned)
		release_pages(pages, nr_pinned);
}

/* || says nothing where it holds */
void either(struct dio *dio, struct page *page, bool other)
{
	if (dio->is_pinned || other)
		put_page(page);
}

/* BIO_PAGE_REFFED clear says nothing: the pages may hold neither */
void bio_drop_unreffed(struct bio *bio, struct page *page)
{
	if (!bio_flagged(bio, BIO_PAGE_REFFED))
		put_page(page);
}

/*
 * check-name: a release against the flag that records how the pages were taken
 * check-exit-value: 1
 * expect: gup/pin-put-mismatch at 56 (put_page() under dio->is_pinned), 73 (release_pages() under a one-bit is_pinned and another test), 92 (folio_put() under bio_flagged(bio, BIO_PAGE_PINNED)); gup/get-unpin-mismatch at 83 (unpin_user_page() under !dio->is_pinned); none in dio_cleanup(), the else of dio_drop(), bio_release(), count_drop(), either(), bio_drop_unreffed(); the patch turns the two page releases into unpins
 * check-json: coverage.parsed_with_errors = 0
 * check-output-start
pinned_flag.c:56:3: warning: dio_unpin_page() releases with put_page() pages that 'dio->is_pinned' says are pinned (pinned_flag.c:55); pinned pages must be released with unpin_user_page() or unpin_user_pages() [gup/pin-put-mismatch]
pinned_flag.c:73:3: warning: fuse_release_user_pages() releases with release_pages() pages that 'ap->args.is_pinned && ap->num_pages' says are pinned (pinned_flag.c:72); pinned pages must be released with unpin_user_page() or unpin_user_pages() [gup/pin-put-mismatch]
pinned_flag.c:83:3: warning: dio_drop() unpins with unpin_user_page() pages that '!dio->is_pinned' says are not pinned (pinned_flag.c:82); they hold no pin to drop [gup/get-unpin-mismatch]
pinned_flag.c:92:3: warning: bio_drop_folio() releases with folio_put() pages that 'same_page && bio_flagged(bio, BIO_PAGE_PINNED)' says are pinned (pinned_flag.c:91); pinned folios must be released with unpin_folio() or unpin_user_folio() [gup/pin-put-mismatch]
 * check-output-end
 *
 * check-patch-start
diff --git a/pinned_flag.c b/pinned_flag.c
--- a/pinned_flag.c
+++ b/pinned_flag.c
@@ -53,7 +53,7 @@
 void dio_unpin_page(struct dio *dio, struct page *page)
 {
 	if (dio->is_pinned)
-		put_page(page);
+		unpin_user_page(page);
 }
 
 void dio_cleanup(struct dio *dio)
@@ -70,7 +70,7 @@
 	unsigned int i;
 
 	if (ap->args.is_pinned && ap->num_pages)
-		release_pages(ap->pages, ap->num_pages);
+		unpin_user_pages(ap->pages, ap->num_pages);
 	for (i = 0; i < ap->num_pages; i++)
 		if (ap->args.may_block)
 			put_page(ap->pages[i]);
 * check-patch-end
 */
