#define X(a, b) get_user_pages(a, b, FOLL_WRITE, pages, NULL)
int f(void) { return pin_user_pages_fast(start, nr, gup_flags | FOLL_LONGTERM, (struct page **)&p[1], /* c */ "s,)", 'x'); }
int g = h(a[1, 2], {3, 4}, L"w", u8"q", 1.5e+3, .5, 0x1p-3);
#if 0
k(1,
#endif
2);
m(,);
