/*
 * History: 7f360bec3785 ("drivers/virt/fsl_hypervisor: Fix error handling
 * path"), drivers/virt/fsl_hypervisor.c, ioctl_memcpy().
 * The exit path put_page()d num_pages entries, the requested count, after
 * get_user_pages_fast() returned fewer (or failed, or was never called).
 */
#define EFAULT 14
#define ENOMEM 12
#define FOLL_WRITE 0x01
#define GFP_KERNEL 0
#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)

struct page;

struct fh_sg_list {
	unsigned long long source;
	unsigned long long target;
	unsigned long long size;
	unsigned long long reserved;
};

struct fsl_hv_ioctl_memcpy {
	int ret;
	int source;
	int target;
	unsigned long long local_vaddr;
	unsigned long long remote_paddr;
	unsigned long long count;
};

int get_user_pages_fast(unsigned long start, int nr_pages,
			unsigned int gup_flags, struct page **pages);
void put_page(struct page *page);
unsigned long long page_to_phys(struct page *page);
void *kcalloc(unsigned long n, unsigned long size, int flags);
void *kmalloc(unsigned long size, int flags);
void kfree(const void *p);
long fh_partition_memcpy(int source, int target, struct fh_sg_list *sg,
			 unsigned int count);

long ioctl_memcpy(struct fsl_hv_ioctl_memcpy *param)
{
	struct page **pages = 0;
	struct fh_sg_list *sg_list;
	unsigned int num_pages, i;
	unsigned long lb_offset;
	long ret = 0;
	int num_pinned;

	lb_offset = param->local_vaddr & (PAGE_SIZE - 1);
	num_pages = (param->count + lb_offset + PAGE_SIZE - 1) >> PAGE_SHIFT;

	pages = kcalloc(num_pages, sizeof(struct page *), GFP_KERNEL);
	if (!pages)
		return -ENOMEM;

	sg_list = kmalloc(num_pages * sizeof(struct fh_sg_list), GFP_KERNEL);
	if (!sg_list) {
		ret = -ENOMEM;
		goto exit;
	}

	num_pinned = get_user_pages_fast(param->local_vaddr - lb_offset,
					 num_pages,
					 param->source == -1 ? 0 : FOLL_WRITE,
					 pages);
	if (num_pinned != num_pages) {
		ret = (num_pinned < 0) ? num_pinned : -EFAULT;
		goto exit;
	}

	for (i = 0; i < num_pages; i++) {
		sg_list[i].source = page_to_phys(pages[i]);
		sg_list[i].target = param->remote_paddr + i * PAGE_SIZE;
		sg_list[i].size = PAGE_SIZE;
	}
	ret = fh_partition_memcpy(param->source, param->target, sg_list,
				  num_pages);

exit:
	if (pages) {
		for (i = 0; i < num_pages; i++)
			if (pages[i])
				put_page(pages[i]); /* BUG: num_pages */
	}
	kfree(sg_list);
	kfree(pages);
	return ret;
}

/*
 * check-name: history 7f360bec3785: fsl_hypervisor puts num_pages, not num_pinned
 * check-exit-value: 1
 * expect: gup/leak at 85 (put_page() loop to the requested num_pages after a short or failed get_user_pages_fast())
 *
 * check-output-start
fsl_hypervisor_count_bug.c:85:5: warning: after get_user_pages_fast() took fewer pages than the num_pages asked for, num_pages pages are released, not the num_pinned it took: the pages it did not take are released too [gup/leak]
 * check-output-end
 *
 * check-json: findings.0.rule = "gup/leak"
 * check-json: findings.0.line = 85
 * check-json: coverage.parsed_with_errors = 0
 * check-json: coverage.parsed_clean = 1
 */
