/*
 * History: e1c75831f682 ("io_uring: fix potential page leak in
 * io_sqe_buffer_register()"), io_uring/rsrc.c, io_sqe_buffer_register().
 * When allocating the io_mapped_ubuf failed, the exit freed the node and
 * the array but never unpinned the pages io_pin_pages() had pinned.
 */
#define ENOMEM 12
#define EFAULT 14
#define GFP_KERNEL 0
#define FOLL_WRITE 0x01
#define FOLL_LONGTERM 0x10000
#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define MAX_ERRNO 4095

struct page;
struct io_ring_ctx;

struct iovec {
	void *iov_base;
	unsigned long iov_len;
};

struct bio_vec {
	struct page *bv_page;
	unsigned int bv_len;
	unsigned int bv_offset;
};

struct io_mapped_ubuf {
	unsigned long ubuf;
	unsigned int nr_bvecs;
	struct bio_vec bvec[];
};

struct io_rsrc_node {
	struct io_mapped_ubuf *buf;
};

int pin_user_pages_fast(unsigned long start, int nr_pages,
			unsigned int gup_flags, struct page **pages);
void unpin_user_pages(struct page **pages, unsigned long npages);
void *kvmalloc_array(unsigned long n, unsigned long size, int flags);
void kvfree(const void *p);
struct io_rsrc_node *io_rsrc_node_alloc(struct io_ring_ctx *ctx);
void io_cache_free(struct io_ring_ctx *ctx, struct io_rsrc_node *node);
struct io_mapped_ubuf *io_alloc_imu(struct io_ring_ctx *ctx, int nr_bvecs);
void io_free_imu(struct io_ring_ctx *ctx, struct io_mapped_ubuf *imu);
int io_buffer_account_pin(struct io_ring_ctx *ctx, struct page **pages,
			  int nr_pages);

static inline void *ERR_PTR(long error)
{
	return (void *)error;
}

static inline long PTR_ERR(const void *ptr)
{
	return (long)ptr;
}

static inline int IS_ERR(const void *ptr)
{
	return (unsigned long)ptr >= (unsigned long)-MAX_ERRNO;
}

static struct page **io_pin_pages(unsigned long uaddr, unsigned long len,
				     int *npages)
{
	unsigned long start, end, nr_pages;
	struct page **pages;
	int ret;

	end = (uaddr + len + PAGE_SIZE - 1) >> PAGE_SHIFT;
	start = uaddr >> PAGE_SHIFT;
	nr_pages = end - start;

	pages = kvmalloc_array(nr_pages, sizeof(struct page *), GFP_KERNEL);
	if (!pages)
		return ERR_PTR(-ENOMEM);

	ret = pin_user_pages_fast(uaddr, nr_pages, FOLL_WRITE | FOLL_LONGTERM,
				  pages);
	if (ret == nr_pages) {
		*npages = nr_pages;
		return pages;
	}
	if (ret >= 0) {
		if (ret)
			unpin_user_pages(pages, ret);
		ret = -EFAULT;
	}
	kvfree(pages);
	return ERR_PTR(ret);
}

struct io_rsrc_node *io_sqe_buffer_register(struct io_ring_ctx *ctx,
					      struct iovec *iov)
{
	struct io_mapped_ubuf *imu = 0;
	struct page **pages = 0;
	struct io_rsrc_node *node;
	int ret, nr_pages, i;

	node = io_rsrc_node_alloc(ctx);
	if (!node)
		return ERR_PTR(-ENOMEM);

	ret = -ENOMEM;
	pages = io_pin_pages((unsigned long)iov->iov_base, iov->iov_len,
				&nr_pages);
	if (IS_ERR(pages)) {
		ret = PTR_ERR(pages);
		pages = 0;
		goto done;
	}

	imu = io_alloc_imu(ctx, nr_pages);
	if (!imu)
		goto done;

	imu->nr_bvecs = nr_pages;
	ret = io_buffer_account_pin(ctx, pages, nr_pages);
	if (ret) {
		unpin_user_pages(pages, nr_pages);
		goto done;
	}

	imu->ubuf = (unsigned long)iov->iov_base;
	for (i = 0; i < nr_pages; i++) {
		imu->bvec[i].bv_page = pages[i];
		imu->bvec[i].bv_len = PAGE_SIZE;
		imu->bvec[i].bv_offset = 0;
	}
	node->buf = imu;
	ret = 0;
done:
	if (ret) {
		if (imu)
			io_free_imu(ctx, imu);
		io_cache_free(ctx, node);
		node = ERR_PTR(ret);
	}
	kvfree(pages);
	return node; /* BUG: !imu path leaves the pages pinned */
}

/*
 * check-name: history e1c75831f682: io_uring leaks io_pin_pages() pages when the imu allocation fails
 * check-exit-value: 1
 * expect: gup/leak at 144 (after "if (!imu) goto done" the exit frees the array returned by the io_pin_pages() wrapper without unpinning it)
 *
 * check-json: findings.0.rule = "gup/leak"
 * check-json: findings.0.line = 144
 * check-json: coverage.parsed_with_errors = 0
 * check-json: coverage.parsed_clean = 1
 */
