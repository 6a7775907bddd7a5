/* Input of cocci/gup_vmas_param.cocci; the expected result is .res. */
long a(struct mm_struct *mm, unsigned long addr, struct page **pages,
       int *locked)
{
	long n = get_user_pages(addr, 1, 0, pages, NULL);

	n += pin_user_pages(addr, 1, 0, pages, NULL);
	n += get_user_pages_remote(mm, addr, 1, 0, pages,
				   NULL, locked);
	return n + pin_user_pages_remote(mm, addr, 1, 0, pages, NULL, NULL);
}

long b(unsigned long addr, struct page **pages, struct vm_area_struct **vmas)
{
	/* uses its VMAs: reported, not patched */
	return get_user_pages(addr, 1, 0, pages, vmas);
}

long c(struct mm_struct *mm, unsigned long addr, struct page **pages)
{
	/* the 6.5 API: nothing to do */
	return get_user_pages_remote(mm, addr, 1, 0, pages, NULL);
}
