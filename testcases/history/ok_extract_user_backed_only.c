/*
 * Correct code in the shape of netfs_extract_user_iter() (fs/netfs/
 * iterator.c) after 0aad5704c6b4 ("netfs: fix error handling in
 * netfs_extract_user_iter()"): the function refuses any iterator that is
 * not UBUF or IOVEC before extracting, so every page it extracts is pinned
 * and its error path may unpin them without asking
 * iov_iter_extract_will_pin().
 */
#define GFP_KERNEL 0
#define EIO 5
#define ENOMEM 12
#define PAGE_SIZE 4096UL

typedef long ssize_t;
typedef unsigned long size_t;
typedef _Bool bool;

struct page;

struct bio_vec {
	struct page *bv_page;
	unsigned int bv_len;
	unsigned int bv_offset;
};

struct iov_iter {
	unsigned char iter_type;
	size_t count;
};

bool iter_is_ubuf(const struct iov_iter *i);
bool iter_is_iovec(const struct iov_iter *i);
size_t iov_iter_count(const struct iov_iter *i);
unsigned int iov_iter_npages(const struct iov_iter *i, int maxpages);
ssize_t iov_iter_extract_pages(struct iov_iter *i, struct page ***pages,
			       size_t maxsize, unsigned int maxpages,
			       unsigned int extraction_flags, size_t *offset0);
void iov_iter_bvec(struct iov_iter *i, unsigned int direction,
		   const struct bio_vec *bvec, unsigned long nr_segs,
		   size_t count);
void unpin_user_page(struct page *page);
void *kvmalloc_array(unsigned long n, unsigned long size, int flags);
void kvfree(const void *p);
int WARN_ON_ONCE(int cond);

ssize_t myfs_extract_user_iter(struct iov_iter *orig, size_t orig_len,
			       struct iov_iter *new,
			       unsigned int extraction_flags)
{
	struct bio_vec *bv = 0;
	struct page **pages;
	unsigned int cur_npages, npages = 0, max_pages, i;
	ssize_t ret = 0;
	size_t count = orig_len, offset, len;

	if (WARN_ON_ONCE(!iter_is_ubuf(orig) && !iter_is_iovec(orig)))
		return -EIO;

	max_pages = iov_iter_npages(orig, 1 << 20);
	bv = kvmalloc_array(max_pages, sizeof(*bv), GFP_KERNEL);
	if (!bv)
		return -ENOMEM;

	/* Put the page list at the end of the bvec list storage. */
	pages = (void *)(bv + max_pages) - max_pages * sizeof(*pages);

	while (count && npages < max_pages) {
		ret = iov_iter_extract_pages(orig, &pages, count,
					     max_pages - npages,
					     extraction_flags, &offset);
		if (ret <= 0) {
			ret = ret ? ret : -EIO;
			break;
		}
		count -= ret;
		ret += offset;
		cur_npages = (ret + PAGE_SIZE - 1) / PAGE_SIZE;

		for (i = 0; i < cur_npages; i++) {
			len = ret > PAGE_SIZE ? PAGE_SIZE : ret;
			bv[npages + i].bv_page = *pages++;
			bv[npages + i].bv_offset = offset;
			bv[npages + i].bv_len = len - offset;
			ret -= len;
			offset = 0;
		}
		npages += cur_npages;
	}

	if (ret < 0 && (ret == -ENOMEM || npages == 0)) {
		for (i = 0; i < npages; i++)
			unpin_user_page(bv[i].bv_page);
		kvfree(bv);
		return ret;
	}

	iov_iter_bvec(new, orig->iter_type, bv, npages, orig_len - count);
	return npages;
}

/*
 * check-name: correct: extraction only from user-backed iterators, unpinned without iov_iter_extract_will_pin()
 * check-exit-value: 0
 *
 * check-output-start
 * check-output-end
 *
 * check-json: coverage.parsed_with_errors = 0
 * check-json: coverage.parsed_clean = 1
 */
