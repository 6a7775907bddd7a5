/*
 * History: e0c4a422f524 ("IB/hfi1: Fix expected receive setup error exit
 * issues"), drivers/infiniband/hw/hfi1/user_exp_rcv.c,
 * hfi1_user_exp_rcv_setup(); the pinning wrapper is in user_pages.c.
 * When no physically contiguous page set was found, the exit freed
 * tidbuf->pages without unpinning the pages pin_rcv_pages() had pinned.
 */
#define ENOMEM 12
#define GFP_KERNEL 0
#define PAGE_SHIFT 12

struct page;
struct mm_struct;

struct tid_user_buf {
	unsigned long vaddr;
	unsigned long length;
	unsigned int npages;
	struct page **pages;
};

struct hfi1_filedata {
	struct mm_struct *mm;
	unsigned int tid_n_pinned;
};

int hfi1_acquire_user_pages(struct mm_struct *mm, unsigned long vaddr,
			    unsigned long npages, int writable,
			    struct page **pages);
void hfi1_release_user_pages(struct mm_struct *mm, struct page **p,
			     unsigned long npages, int dirty);
void *kcalloc(unsigned long n, unsigned long size, int flags);
void kfree(const void *p);
unsigned int find_phys_blocks(struct tid_user_buf *tidbuf,
			      unsigned int npages);
unsigned int program_rcvarray(struct hfi1_filedata *fd,
			      struct tid_user_buf *tidbuf,
			      unsigned int count);

static int pin_rcv_pages(struct hfi1_filedata *fd,
			 struct tid_user_buf *tidbuf)
{
	struct page **pages;
	int pinned;

	pages = kcalloc(tidbuf->npages, sizeof(*pages), GFP_KERNEL);
	if (!pages)
		return -ENOMEM;

	pinned = hfi1_acquire_user_pages(fd->mm, tidbuf->vaddr,
					 tidbuf->npages, 1, pages);
	if (pinned <= 0) {
		kfree(pages);
		return pinned;
	}
	tidbuf->pages = pages;
	fd->tid_n_pinned += pinned;
	return pinned;
}

static void unpin_rcv_pages(struct hfi1_filedata *fd,
			    struct tid_user_buf *tidbuf, unsigned int idx,
			    unsigned int npages)
{
	hfi1_release_user_pages(fd->mm, &tidbuf->pages[idx], npages, 0);
	fd->tid_n_pinned -= npages;
}

int hfi1_user_exp_rcv_setup(struct hfi1_filedata *fd, unsigned long vaddr,
			    unsigned long length)
{
	struct tid_user_buf *tidbuf;
	unsigned int pageset_count, mapped_pages;
	int pinned, ret = 0;

	tidbuf = kcalloc(1, sizeof(*tidbuf), GFP_KERNEL);
	if (!tidbuf)
		return -ENOMEM;
	tidbuf->vaddr = vaddr;
	tidbuf->length = length;
	tidbuf->npages = (length + (1UL << PAGE_SHIFT) - 1) >> PAGE_SHIFT;

	pinned = pin_rcv_pages(fd, tidbuf);
	if (pinned <= 0) {
		kfree(tidbuf);
		return pinned;
	}

	pageset_count = find_phys_blocks(tidbuf, pinned);
	if (!pageset_count)
		goto bail;

	mapped_pages = program_rcvarray(fd, tidbuf, pageset_count);
	if (mapped_pages != pinned)
		unpin_rcv_pages(fd, tidbuf, mapped_pages,
				pinned - mapped_pages);
bail:
	kfree(tidbuf->pages);
	kfree(tidbuf);
	return ret; /* BUG: !pageset_count leaves all pinned pages */
}

/*
 * check-name: history e0c4a422f524: hfi1 frees a wrapper-pinned page array without unpinning
 * check-command: scan --engine clang --external --tree . .
 * check-exit-value: 1
 * expect: gup/leak at user_exp_rcv.c:98 (the "goto bail" path for !pageset_count frees tidbuf->pages, pinned in pin_rcv_pages() through hfi1_acquire_user_pages() in user_pages.c, without unpinning)
 *
 * check-json: findings.0.rule = "gup/leak"
 * check-json: findings.0.file = "user_exp_rcv.c"
 * check-json: findings.0.line = 98
 * check-json: coverage.parsed_with_errors = 0
 * check-json: coverage.parsed_clean = 2
 */
