/*
 * Correct code: block-layer direct I/O takes the pages with
 * bio_iov_iter_get_pages(), which pins or gets as the iterator needs and
 * records it in the bio, and gives them back with bio_release_pages() on the
 * error path and at completion.
 */
#define GFP_KERNEL 0
#define EIOCBQUEUED 529

typedef long ssize_t;
typedef _Bool bool;

struct iov_iter;
struct block_device;

struct bio {
	void (*bi_end_io)(struct bio *bio);
	void *bi_private;
	int bi_status;
	bool should_dirty;
};

struct bio *bio_alloc(struct block_device *bdev, unsigned short nr_vecs,
		      unsigned int opf, int gfp);
int bio_iov_iter_get_pages(struct bio *bio, struct iov_iter *iter);
void bio_release_pages(struct bio *bio, bool mark_dirty);
void bio_set_pages_dirty(struct bio *bio);
void bio_put(struct bio *bio);
void submit_bio(struct bio *bio);
unsigned int bio_iov_vecs_to_alloc(struct iov_iter *iter, int max_segs);

static void mydev_dio_end_io(struct bio *bio)
{
	bio_release_pages(bio, bio->should_dirty);
	bio_put(bio);
}

ssize_t mydev_direct_io(struct block_device *bdev, struct iov_iter *iter,
			unsigned int opf, bool is_read)
{
	struct bio *bio;
	int ret;

	bio = bio_alloc(bdev, bio_iov_vecs_to_alloc(iter, 256), opf,
			GFP_KERNEL);
	ret = bio_iov_iter_get_pages(bio, iter);
	if (ret) {
		bio_release_pages(bio, 0);
		bio_put(bio);
		return ret;
	}
	if (is_read) {
		bio->should_dirty = 1;
		bio_set_pages_dirty(bio);
	}
	bio->bi_end_io = mydev_dio_end_io;
	submit_bio(bio);
	return -EIOCBQUEUED;
}

/*
 * check-name: correct: bio_iov_iter_get_pages() paired with bio_release_pages()
 * check-exit-value: 0
 *
 * check-output-start
 * check-output-end
 *
 * check-json: coverage.parsed_with_errors = 0
 * check-json: coverage.parsed_clean = 1
 */
