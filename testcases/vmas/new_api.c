/*
 * The 6.5+ API: no vmas parameter.  The six-argument
 * get_user_pages_remote() ends in NULL, which is its locked argument, and
 * must not be mistaken for a vmas.
 */
#define NULL ((void *)0)
struct page;
struct mm_struct;

long get_user_pages_remote(struct mm_struct *mm,
			   unsigned long start, unsigned long nr_pages,
			   unsigned int gup_flags, struct page **pages,
			   int *locked);
long pin_user_pages(unsigned long start, unsigned long nr_pages,
		    unsigned int gup_flags, struct page **pages);

long both(struct mm_struct *mm, unsigned long addr, struct page **pages)
{
	long ret = get_user_pages_remote(mm, addr, 1, 0, pages, NULL);

	if (ret < 0)
		return ret;
	return pin_user_pages(addr, 1, 0, pages);
}

/*
 * check-name: the 6.12 signatures give no finding
 * check-exit-value: 0
 *
 * check-output-start
 * check-output-end
 */
