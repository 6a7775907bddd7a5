/* Part of hfi1_exp_rcv_fixed/user_exp_rcv.c's testcase: the pinning wrappers. */
#define FOLL_WRITE 0x01
#define FOLL_LONGTERM 0x10000

struct page;
struct mm_struct;

int pin_user_pages_fast(unsigned long start, int nr_pages,
			unsigned int gup_flags, struct page **pages);
void unpin_user_pages_dirty_lock(struct page **pages, unsigned long npages,
				 int make_dirty);

int hfi1_acquire_user_pages(struct mm_struct *mm, unsigned long vaddr,
			    unsigned long npages, int writable,
			    struct page **pages)
{
	unsigned int gup_flags = FOLL_LONGTERM | (writable ? FOLL_WRITE : 0);

	return pin_user_pages_fast(vaddr, npages, gup_flags, pages);
}

void hfi1_release_user_pages(struct mm_struct *mm, struct page **p,
			     unsigned long npages, int dirty)
{
	unpin_user_pages_dirty_lock(p, npages, dirty);
}
