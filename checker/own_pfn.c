// SPDX-License-Identifier: GPL-2.0
/*
 * Page numbers, for own_facts.c: where the memory model makes a pfn the
 * page's index in the memory map, the number stands for the page.  With
 * SPARSEMEM_VMEMMAP (include/asm-generic/memory_model.h of 6.1 and 6.12,
 * x86_64's defconfig) page_to_pfn(page) is (unsigned long)((page) -
 * vmemmap) and pfn_to_page(pfn) is (vmemmap + (pfn)), vmemmap a pointer
 * made from a number ((struct page *)vmemmap_base).  So pages kept as
 * pfns (drivers/gpu/drm/vmwgfx/vmwgfx_msg.c keeps its pinned pages'
 * pfns in a descriptor and unpins pfn_to_page() of them) are followed
 * through the number.  Both shapes are recognized by the expression, not
 * by the macros' names: the names expand differently in other models.
 */
#include "gupcheck.h"
#include "own.h"

static bool pointer(CXCursor e)
{
	return clang_getCanonicalType(clang_getCursorType(e)).kind ==
	       CXType_Pointer;
}

/*
 * Is E the base of the memory map: a pointer made from a number by a
 * cast, (struct page *)vmemmap_base, not the value of a call (a
 * transfer such as _compound_head() gives back the page it was given)?
 */
static bool map_base(CXCursor e)
{
	for (;;) {
		enum CXCursorKind k = clang_getCursorKind(e);
		CXCursor kid;

		if (k != CXCursor_UnexposedExpr && k != CXCursor_ParenExpr &&
		    k != CXCursor_CStyleCastExpr)
			return false;
		kid = cursor_last_kid(e);
		if (clang_Cursor_isNull(kid))
			return false;
		if (expr_is_integer(kid))
			return clang_getCursorKind(expr_strip(kid)) !=
			       CXCursor_CallExpr;
		e = kid;
	}
}

/*
 * If E is a page's number, page - base (a difference of two pointers,
 * one the map's base), the page's expression; a null cursor otherwise.
 */
CXCursor own_page_of_number(CXCursor e)
{
	enum CXTypeKind t;
	struct cursor_kids kd;

	e = expr_strip(e);
	if (clang_getCursorKind(e) != CXCursor_BinaryOperator)
		return clang_getNullCursor();
	t = clang_getCanonicalType(clang_getCursorType(e)).kind;
	kd = cursor_kids(e);
	/* a difference is a ptrdiff_t; a comparison of pointers an int */
	if (kd.n != 2 || (t != CXType_Long && t != CXType_LongLong) ||
	    !pointer(kd.c[0]) || !pointer(kd.c[1]) || !map_base(kd.c[1]))
		return clang_getNullCursor();
	return kd.c[0];
}

/*
 * If E is the page of a number, base + pfn (a pointer the map's base
 * plus an integer), the number's expression; a null cursor otherwise.
 */
CXCursor own_number_of_page(CXCursor e)
{
	struct cursor_kids kd;
	int i;

	e = expr_strip(e);
	if (clang_getCursorKind(e) != CXCursor_BinaryOperator || !pointer(e))
		return clang_getNullCursor();
	kd = cursor_kids(e);
	if (kd.n != 2)
		return clang_getNullCursor();
	for (i = 0; i < 2; i++)
		if (map_base(kd.c[i]) && expr_is_integer(kd.c[1 - i]))
			return kd.c[1 - i];
	return clang_getNullCursor();
}
