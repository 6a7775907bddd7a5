/*
 * Shaped after fs/direct-io.c, fs/fuse/file.c and block/bio.c of 6.12:
 * a flag records whether iov_iter_extract_pages() pinned the pages, and
 * the release code unpins when it is set.  Set from
 * iov_iter_extract_will_pin(), or under a test of it, the flag is right;
 * set to true whatever the iterator is, it has the pages of a kvec or
 * bvec iterator unpinned, and they hold no pin (gup/extract-release).
 * A flag named for pinning that chooses no unpin of pages (a count of
 * pinned buffer objects) is not judged, and neither is a function that
 * asks user_backed_iter() itself.
 */
#include "api.h"

typedef _Bool bool;

enum { BIO_PAGE_PINNED = 1 };
struct bio {
	unsigned short bi_flags;
};
void bio_set_flag(struct bio *bio, unsigned int bit);
bool user_backed_iter(const struct iov_iter *i);

struct dio {
	bool is_pinned;
	struct iov_iter *iter;
	struct page *pages[64];
	int head, tail;
};

struct submit {
	bool bos_pinned;
};

int dio_refill(struct dio *dio)
{
	struct page **pages = dio->pages;
	size_t off;

	return iov_iter_extract_pages(dio->iter, &pages, 65536, 64, 0, &off);
}

void dio_cleanup(struct dio *dio)
{
	if (dio->is_pinned)
		unpin_user_pages(dio->pages + dio->head,
				 dio->tail - dio->head);
	dio->head = dio->tail;
}

/* right */
void dio_start(struct dio *dio, struct iov_iter *iter)
{
	dio->iter = iter;
	dio->is_pinned = iov_iter_extract_will_pin(iter);
}

/* the flag always set */
void dio_start_always(struct dio *dio, struct iov_iter *iter)
{
	dio->iter = iter;
	dio->is_pinned = true;
}

/* asks itself: only user-backed iterators come here */
int dio_start_user(struct dio *dio, struct iov_iter *iter)
{
	if (!user_backed_iter(iter))
		return -22;
	dio->iter = iter;
	dio->is_pinned = 1;
	return 0;
}

/* right: the bio's flag under the test */
void bio_pages(struct bio *bio, struct iov_iter *iter)
{
	if (iov_iter_extract_will_pin(iter))
		bio_set_flag(bio, BIO_PAGE_PINNED);
}

/* the bio's flag always set */
void bio_pages_always(struct bio *bio, struct iov_iter *iter)
{
	(void)iter;
	bio_set_flag(bio, BIO_PAGE_PINNED);
}

/* no page release depends on this flag */
void submit_pin(struct submit *s)
{
	s->bos_pinned = true;
}

/*
 * asks user_backed_iter() for something else (fs/direct-io.c's
 * should_dirty): the flag is still set for every iterator
 */
int dio_start_dirty(struct dio *dio, struct iov_iter *iter)
{
	int dirty = user_backed_iter(iter);

	dio->iter = iter;
	dio->is_pinned = true;
	return dirty;
}

/* leaves unless user-backed, in a block */
int dio_start_user_block(struct dio *dio, struct iov_iter *iter)
{
	if (!user_backed_iter(iter)) {
		dio->head = 0;
		goto out;
	}
	dio->iter = iter;
	dio->is_pinned = true;
	return 0;
out:
	return -22;
}

/*
 * check-name: a pinned flag set whatever iov_iter_extract_will_pin() says
 * check-exit-value: 1
 * expect: gup/extract-release at 61 (dio->is_pinned = true, with dio_cleanup() unpinning when it is set), 85 (bio_set_flag(bio, BIO_PAGE_PINNED) outside a test) and 103 (a user_backed_iter() test that leaves nothing out); none in dio_start(), dio_start_user(), dio_start_user_block(), bio_pages(), submit_pin(); no patch (the iterator to ask is the author's choice)
 * check-json: coverage.parsed_with_errors = 0
 * check-output-start
pinned_set.c:61:2: warning: dio_start_always() sets the pinned flag (struct dio.is_pinned: 'dio->is_pinned = true') whatever iov_iter_extract_will_pin() says, and this file's pages come from iov_iter_extract_pages() (pinned_set.c:39), which pins them only for user-backed iterators; when it is set, the pages are unpinned (pinned_set.c:45); pages of a kvec or bvec iterator hold no pin: set the flag from iov_iter_extract_will_pin() [gup/extract-release]
pinned_set.c:85:2: warning: bio_pages_always() sets the pinned flag (BIO_PAGE_PINNED: 'bio_set_flag(bio, BIO_PAGE_PINNED)') whatever iov_iter_extract_will_pin() says, and this file's pages come from iov_iter_extract_pages() (pinned_set.c:39), which pins them only for user-backed iterators; pages of a kvec or bvec iterator hold no pin: set the flag from iov_iter_extract_will_pin() [gup/extract-release]
pinned_set.c:103:2: warning: dio_start_dirty() sets the pinned flag (struct dio.is_pinned: 'dio->is_pinned = true') whatever iov_iter_extract_will_pin() says, and this file's pages come from iov_iter_extract_pages() (pinned_set.c:39), which pins them only for user-backed iterators; when it is set, the pages are unpinned (pinned_set.c:45); pages of a kvec or bvec iterator hold no pin: set the flag from iov_iter_extract_will_pin() [gup/extract-release]
 * check-output-end
 */
