/*
 * Part of cifs_dio_bug/file.c's testcase: netfs_extract_user_iter(), which
 * extracts (and so pins) the pages of a user-backed iterator into a new
 * BVEC iterator.
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
	unsigned char data_source;
	size_t count;
	const struct bio_vec *bvec;
};

bool iter_is_ubuf(const struct iov_iter *i);
bool iter_is_iovec(const struct iov_iter *i);
unsigned int iov_iter_npages(const struct iov_iter *i, int maxpages);
ssize_t iov_iter_extract_pages(struct iov_iter *i, struct page ***pages,
			       size_t maxsize, unsigned int maxpages,
			       unsigned int extraction_flags, size_t *offset0);
void iov_iter_bvec(struct iov_iter *i, unsigned int direction,
		   const struct bio_vec *bvec, unsigned long nr_segs,
		   size_t count);
void *kvmalloc_array(unsigned long n, unsigned long size, int flags);

ssize_t netfs_extract_user_iter(struct iov_iter *orig, size_t orig_len,
				struct iov_iter *new,
				unsigned int extraction_flags)
{
	struct bio_vec *bv;
	struct page **pages;
	unsigned int cur_npages, npages = 0, max_pages, i;
	ssize_t ret = 0;
	size_t count = orig_len, offset, len;

	if (!iter_is_ubuf(orig) && !iter_is_iovec(orig))
		return -EIO;

	max_pages = iov_iter_npages(orig, 1 << 20);
	bv = kvmalloc_array(max_pages, sizeof(*bv) + sizeof(*pages),
			    GFP_KERNEL);
	if (!bv)
		return -ENOMEM;
	pages = (struct page **)(bv + max_pages);

	while (count && npages < max_pages) {
		ret = iov_iter_extract_pages(orig, &pages, count,
					     max_pages - npages,
					     extraction_flags, &offset);
		if (ret < 0)
			break;
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

	iov_iter_bvec(new, orig->data_source, bv, npages, orig_len - count);
	return npages;
}
