/* The page API as the kernel declares it (6.12), for the testcases. */
#ifndef OWN_API_H
#define OWN_API_H
#define NULL ((void *)0)
#define FOLL_WRITE 0x01
#define FOLL_GET 0x02
#define FOLL_PIN 0x40000
#define FOLL_LONGTERM 0x100
#define true 1
typedef unsigned long size_t;
typedef long ssize_t;
struct page;
struct folio;
struct scatterlist {
	unsigned long page_link;
	unsigned int offset, length;
};
struct sg_table {
	struct scatterlist *sgl;
	unsigned int nents, orig_nents;
};
struct iov_iter;
long get_user_pages(unsigned long start, unsigned long nr_pages,
		    unsigned int gup_flags, struct page **pages);
long pin_user_pages(unsigned long start, unsigned long nr_pages,
		    unsigned int gup_flags, struct page **pages);
int get_user_pages_fast(unsigned long start, int nr_pages,
			unsigned int gup_flags, struct page **pages);
int pin_user_pages_fast(unsigned long start, int nr_pages,
			unsigned int gup_flags, struct page **pages);
ssize_t iov_iter_extract_pages(struct iov_iter *i, struct page ***pages,
			       size_t maxsize, unsigned int maxpages,
			       unsigned int extraction_flags, size_t *offset0);
ssize_t iov_iter_get_pages2(struct iov_iter *i, struct page **pages,
			    size_t maxsize, unsigned maxpages, size_t *start);
int iov_iter_extract_will_pin(const struct iov_iter *iter);
void put_page(struct page *page);
void get_page(struct page *page);
void release_pages(struct page **pages, int nr);
void unpin_user_page(struct page *page);
void unpin_user_pages(struct page **pages, unsigned long npages);
void unpin_user_pages_dirty_lock(struct page **pages, unsigned long npages,
				 int make_dirty);
int set_page_dirty_lock(struct page *page);
struct page *alloc_page(unsigned int gfp);
void sg_set_page(struct scatterlist *sg, struct page *page, unsigned int len,
		 unsigned int offset);
struct page *sg_page(struct scatterlist *sg);
struct scatterlist *sg_next(struct scatterlist *);
#define for_each_sg(sglist, sg, nr, __i) \
	for (__i = 0, sg = (sglist); __i < (nr); __i++, sg = sg_next(sg))
#endif
