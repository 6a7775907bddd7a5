/* Input of cocci/gup_foll_flags.cocci. */
long one(unsigned long addr, struct page **p)
{
	return get_user_pages(addr, 1, FOLL_WRITE | FOLL_GET, p);
}

long two(unsigned long addr, struct page **p)
{
	return pin_user_pages_fast(addr, 1, FOLL_PIN, p);
}

long three(unsigned long addr, struct page **p)
{
	return get_user_pages(addr, 1, FOLL_PIN | FOLL_WRITE, p);
}

long fine(unsigned long addr, struct page **p)
{
	return pin_user_pages(addr, 1, FOLL_WRITE | FOLL_LONGTERM, p);
}
