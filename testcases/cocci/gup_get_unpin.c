/* Input of cocci/gup_get_unpin.cocci. */
int read_user(unsigned long addr, int n, struct page **pages)
{
	int got = get_user_pages_fast(addr, n, 0, pages);

	if (got <= 0)
		return got;
	unpin_user_pages(pages, got);
	return 0;
}

int one(struct mm_struct *mm, unsigned long addr, struct page *page)
{
	int locked = 1;

	if (get_user_pages_remote(mm, addr, 1, 0, &page, &locked) != 1)
		return -1;
	unpin_user_page(page);
	return 0;
}

int right(unsigned long addr, struct page **pages)
{
	int n = get_user_pages_fast(addr, 4, 0, pages);

	if (n > 0)
		release_pages(pages, n);
	return 0;
}
