/*
 * gupcheck: an empty kernel configuration for parsing without a build
 * directory.  kconfig.h includes <generated/autoconf.h>; with this file
 * every CONFIG_ option reads as unset and IS_ENABLED() still works.
 */
