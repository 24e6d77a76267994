# Small helpers shared by the core's makefiles.

# A newline, for building multi-line file contents.
define nl


endef

# uc,<text>: upper-case (libgreet -> LIBGREET); library names are [a-z0-9_].
uc = $(subst a,A,$(subst b,B,$(subst c,C,$(subst d,D,$(subst e,E,$(subst f,F,$(subst g,G,$(subst h,H,$(subst i,I,$(subst j,J,$(subst k,K,$(subst l,L,$(subst m,M,$(subst n,N,$(subst o,O,$(subst p,P,$(subst q,Q,$(subst r,R,$(subst s,S,$(subst t,T,$(subst u,U,$(subst v,V,$(subst w,W,$(subst x,X,$(subst y,Y,$(subst z,Z,$(1)))))))))))))))))))))))))))

# qstrip,<text>: drop the quotes kconfig puts around string values (as
# Linux's kbuild does: all double quotes go).
qstrip = $(strip $(subst ",,$(1)))

# streq,<a>,<b>: non-empty when both texts are equal.
streq = $(if $(subst $(1),,$(2))$(subst $(2),,$(1)),,y)

# update_file,<file>,<variable name>: write the variable's value to the file
# only when the file holds something else.  Runs while make parses (no shell
# unless the directory must be created), and an unchanged value keeps the old
# mtime, so whatever depends on the file is not rebuilt.  The comparison
# ignores whitespace differences: $(file) adds or drops final newlines, and
# an exact comparison could then rewrite the file on every run (and, for a
# prerequisite of O/config, restart make forever).
update_file = $(if $(call streq,$(strip $(file <$(1))),$(strip $($(2)))),,$(shell mkdir -p $(dir $(1)))$(file >$(1),$($(2))))
