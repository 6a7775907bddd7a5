/*
 * A caller that uses the VMAs: reported with guidance, never patched.
 * Shaped after io_uring's io_pin_pages() in 6.1.
 */
struct page;
struct vm_area_struct { void *vm_file; };

long pin_user_pages(unsigned long start, unsigned long nr_pages,
		    unsigned int gup_flags, struct page **pages,
		    struct vm_area_struct **vmas);
void unpin_user_pages(struct page **pages, unsigned long npages);

int pin_and_check(unsigned long ubuf, int nr, struct page **pages,
		  struct vm_area_struct **vmas)
{
	long pret = pin_user_pages(ubuf, nr, 1, pages, vmas);

	if (pret == nr && vmas[0]->vm_file) {
		unpin_user_pages(pages, nr);
		return -1;
	}
	return 0;
}

/*
 * check-name: a vmas array in use is reported without a patch
 * check-exit-value: 1
 *
 * check-output-start
vmas_used.c:16:14: warning: pin_user_pages() is passed 'vmas' as its vmas argument, a parameter Linux 6.5 removed; look the VMAs up with vma_lookup() under mmap_lock after the call, checking each one the caller relied on [gup/vmas-param]
 * check-output-end
 *
 * check-json: summary.fixable = 0
 * check-json: findings.0.evidence.0.line = 16
 * check-json: findings.0.no_fix_reason = "the caller uses the VMAs; the conversion needs vma_lookup() by hand"
 */
