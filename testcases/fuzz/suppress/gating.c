#define NULL ((void *)0)
struct page;
struct vm_area_struct;
long get_user_pages(unsigned long start, unsigned long nr_pages,
		    unsigned int gup_flags, struct page **pages,
		    struct vm_area_struct **vmas);
long one(unsigned long a, struct page **p)
{
	/* gupcheck: ignore gup/vmas-param -- kept for the 6.1 backport */
	return get_user_pages(a, 1, 0, p, NULL);
}
long two(unsigned long a, struct page **p)
{
	return get_user_pages(a, 1, 0, p, NULL); // gupcheck: ignore gup/vmas-parm -- typo
}
long three(unsigned long a, struct page **p)
{
	/*
	 * gupcheck: ignore gup/vmas-param
	 */
	return get_user_pages(a, 1, 0, p, NULL);
}
long four(unsigned long a, struct page **p)
{
	return get_user_pages(a, 4, 0, p, NULL);
}
