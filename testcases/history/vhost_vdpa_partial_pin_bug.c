/*
 * History: ad89653f79f1 ("vhost-vdpa: fix page pinning leakage in error
 * path (rework)"), drivers/vhost/vdpa.c, vhost_vdpa_process_iotlb_update().
 * A chunk pinned with pin_user_pages() short of the requested count jumped
 * to the exit without unpinning the pages it did pin (reduced to that half).
 */
#define ENOMEM 12
#define FOLL_WRITE 0x01
#define FOLL_LONGTERM 0x10000
#define GFP_KERNEL 0
#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))
#define PAGE_ALIGN(x) (((x) + PAGE_SIZE - 1) & PAGE_MASK)

struct page;
struct mm_struct;

struct vhost_vdpa {
	struct mm_struct *mm;
};

long pin_user_pages(unsigned long start, unsigned long nr_pages,
		    unsigned int gup_flags, struct page **pages);
void unpin_user_pages(struct page **pages, unsigned long npages);
unsigned long page_to_pfn(struct page *page);
unsigned long __get_free_page(int gfp);
void free_page(unsigned long addr);
void mmap_read_lock(struct mm_struct *mm);
void mmap_read_unlock(struct mm_struct *mm);
int vhost_vdpa_map(struct vhost_vdpa *v, unsigned long iova,
		   unsigned long size, unsigned long pa);
void vhost_vdpa_unmap(struct vhost_vdpa *v, unsigned long iova,
		      unsigned long size);

long vhost_vdpa_process_iotlb_update(struct vhost_vdpa *v,
				     unsigned long uaddr, unsigned long iova,
				     unsigned long size, int write)
{
	struct page **page_list;
	unsigned long list_size = PAGE_SIZE / sizeof(struct page *);
	unsigned int gup_flags = FOLL_LONGTERM;
	unsigned long npages, cur_base, pinned, map_iova = iova;
	long ret = 0;

	page_list = (struct page **)__get_free_page(GFP_KERNEL);
	if (!page_list)
		return -ENOMEM;
	if (write)
		gup_flags |= FOLL_WRITE;

	npages = PAGE_ALIGN(size + (iova & ~PAGE_MASK)) >> PAGE_SHIFT;
	cur_base = uaddr & PAGE_MASK;
	mmap_read_lock(v->mm);

	while (npages) {
		pinned = npages < list_size ? npages : list_size;
		ret = pin_user_pages(cur_base, pinned, gup_flags, page_list);
		if (ret != pinned)
			goto out;

		if (vhost_vdpa_map(v, map_iova, pinned << PAGE_SHIFT,
				   page_to_pfn(page_list[0]) << PAGE_SHIFT)) {
			unpin_user_pages(page_list, pinned);
			ret = -ENOMEM;
			goto out;
		}
		map_iova += pinned << PAGE_SHIFT;
		cur_base += pinned << PAGE_SHIFT;
		npages -= pinned;
	}
	ret = 0;
out:
	if (ret)
		vhost_vdpa_unmap(v, iova, map_iova - iova);
	mmap_read_unlock(v->mm);
	free_page((unsigned long)page_list); /* BUG: a short chunk leaks */
	return ret;
}

/*
 * check-name: history ad89653f79f1: vhost-vdpa leaks a short pin_user_pages() chunk
 * check-exit-value: 1
 * expect: gup/leak at 77 (page_list freed after "goto out" from a partial pin_user_pages() that unpinned nothing)
 *
 * check-output-start
vhost_vdpa_partial_pin_bug.c:77:2: warning: when pin_user_pages() takes fewer pages than the pinned asked for, this path frees page_list without releasing the ret it took: they stay pinned [gup/leak]
 * check-output-end
 *
 * check-json: findings.0.rule = "gup/leak"
 * check-json: findings.0.line = 77
 * check-json: coverage.parsed_with_errors = 0
 * check-json: coverage.parsed_clean = 1
 */
