#ifndef X_H
#define X_H
#define my_gup(a, b) get_user_pages(a, b, 0, NULL)
#define my_gup2(a) my_gup(a, 1) /* learned in the second round */
#define \
	split_define pin_user_pages
# define spaced iov_iter_get_pages2
// get_user_pages in a comment
static inline int f(void) { return my_gup2(1); }
#endif
