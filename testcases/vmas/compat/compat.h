/* An out-of-tree module's compat header: the call hides in a macro. */
#define NULL ((void *)0)
struct page;
struct vm_area_struct;

long get_user_pages(unsigned long start, unsigned long nr_pages,
		    unsigned int gup_flags, struct page **pages,
		    struct vm_area_struct **vmas);

#define compat_gup(start, nr, flags, pages) \
	get_user_pages(start, nr, flags, pages, NULL)
