/*
 * Correct code in the shape of drivers/tee/tee_shm.c (6.1): user buffers
 * are pinned and kernel buffers get a reference per page; the flag
 * TEE_SHM_USER_MAPPED says which, and release_registered_pages() unpins or
 * puts accordingly.  The count stored is the number actually taken.
 */
#define GFP_KERNEL 0
#define ENOMEM 12
#define FOLL_WRITE 0x01
#define TEE_SHM_USER_MAPPED (1 << 4)
#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)

struct page;

struct tee_shm {
	unsigned int flags;
	struct page **pages;
	unsigned long num_pages;
};

int pin_user_pages_fast(unsigned long start, int nr_pages,
			unsigned int gup_flags, struct page **pages);
void unpin_user_pages(struct page **pages, unsigned long npages);
struct page *virt_to_page(const void *addr);
void get_page(struct page *page);
void put_page(struct page *page);
void *kcalloc(unsigned long n, unsigned long size, int flags);
void kfree(const void *p);

static void shm_put_kernel_pages(struct page **pages, unsigned long count)
{
	unsigned long n;

	for (n = 0; n < count; n++)
		put_page(pages[n]);
}

static int shm_get_kernel_pages(unsigned long start, unsigned long count,
				struct page **pages)
{
	unsigned long n;

	for (n = 0; n < count; n++) {
		pages[n] = virt_to_page((void *)(start + n * PAGE_SIZE));
		get_page(pages[n]);
	}
	return count;
}

static void release_registered_pages(struct tee_shm *shm)
{
	if (shm->pages) {
		if (shm->flags & TEE_SHM_USER_MAPPED)
			unpin_user_pages(shm->pages, shm->num_pages);
		else
			shm_put_kernel_pages(shm->pages, shm->num_pages);
		kfree(shm->pages);
	}
}

int register_shm_pages(struct tee_shm *shm, unsigned long start,
		       unsigned long num_pages)
{
	int rc;

	shm->num_pages = 0;
	shm->pages = kcalloc(num_pages, sizeof(*shm->pages), GFP_KERNEL);
	if (!shm->pages)
		return -ENOMEM;

	if (shm->flags & TEE_SHM_USER_MAPPED)
		rc = pin_user_pages_fast(start, num_pages, FOLL_WRITE,
					 shm->pages);
	else
		rc = shm_get_kernel_pages(start, num_pages, shm->pages);
	if (rc > 0)
		shm->num_pages = rc;
	if (rc != num_pages) {
		if (rc >= 0)
			rc = -ENOMEM;
		release_registered_pages(shm);
		shm->pages = 0;
		return rc;
	}
	return 0;
}

void tee_shm_release_pages(struct tee_shm *shm)
{
	release_registered_pages(shm);
	shm->pages = 0;
}

/*
 * check-name: correct: tee_shm releases by TEE_SHM_USER_MAPPED, unpin or put
 * check-exit-value: 0
 *
 * check-output-start
 * check-output-end
 *
 * check-json: coverage.parsed_with_errors = 0
 * check-json: coverage.parsed_clean = 1
 */
