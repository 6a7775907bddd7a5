/*
 * Correct code: a filesystem's direct I/O pins the pages of a user-backed
 * iterator and gets references on the others, records which in the request,
 * and releases every page through one routine that switches on the flag.
 */
#define GFP_KERNEL 0
#define EFAULT 14
#define ENOMEM 12

typedef long ssize_t;
typedef unsigned long size_t;
typedef _Bool bool;

struct page;
struct iov_iter;

struct myfs_dio_req {
	struct page **pages;
	unsigned int npages;
	size_t offset;
	bool pinned;
};

bool user_backed_iter(const struct iov_iter *i);
ssize_t iov_iter_extract_pages(struct iov_iter *i, struct page ***pages,
			       size_t maxsize, unsigned int maxpages,
			       unsigned int extraction_flags, size_t *offset0);
ssize_t iov_iter_get_pages2(struct iov_iter *i, struct page **pages,
			    size_t maxsize, unsigned int maxpages,
			    size_t *start);
void unpin_user_pages(struct page **pages, unsigned long npages);
void put_page(struct page *page);
void *kcalloc(unsigned long n, unsigned long size, int flags);
void kfree(const void *p);
int myfs_submit(struct myfs_dio_req *req, size_t len);

static void myfs_release_pages(struct myfs_dio_req *req)
{
	unsigned int i;

	if (req->pinned) {
		unpin_user_pages(req->pages, req->npages);
	} else {
		for (i = 0; i < req->npages; i++)
			put_page(req->pages[i]);
	}
	req->npages = 0;
}

static ssize_t myfs_grab_pages(struct myfs_dio_req *req, struct iov_iter *iter,
			       size_t maxsize, unsigned int maxpages)
{
	ssize_t n;

	if (user_backed_iter(iter)) {
		n = iov_iter_extract_pages(iter, &req->pages, maxsize,
					   maxpages, 0, &req->offset);
		req->pinned = 1;
	} else {
		n = iov_iter_get_pages2(iter, req->pages, maxsize, maxpages,
					&req->offset);
		req->pinned = 0;
	}
	if (n <= 0)
		return n ? n : -EFAULT;
	req->npages = (req->offset + n + 4095) / 4096;
	return n;
}

void myfs_dio_done(struct myfs_dio_req *req)
{
	myfs_release_pages(req);
	kfree(req->pages);
	kfree(req);
}

ssize_t myfs_direct_io(struct iov_iter *iter, size_t len,
		       unsigned int maxpages)
{
	struct myfs_dio_req *req;
	ssize_t n;
	int ret;

	req = kcalloc(1, sizeof(*req), GFP_KERNEL);
	if (!req)
		return -ENOMEM;
	req->pages = kcalloc(maxpages, sizeof(*req->pages), GFP_KERNEL);
	if (!req->pages) {
		kfree(req);
		return -ENOMEM;
	}

	n = myfs_grab_pages(req, iter, len, maxpages);
	if (n <= 0) {
		kfree(req->pages);
		kfree(req);
		return n;
	}

	ret = myfs_submit(req, n);
	if (ret) {
		myfs_dio_done(req);
		return ret;
	}
	/* myfs_dio_done() runs at I/O completion */
	return n;
}

/*
 * check-name: correct: pin user-backed iterators, get the others, release by a recorded flag
 * check-exit-value: 0
 *
 * check-output-start
 * check-output-end
 *
 * check-json: coverage.parsed_with_errors = 0
 * check-json: coverage.parsed_clean = 1
 */
