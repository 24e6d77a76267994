# Turn a kconfig configuration file into the #define lines of the C header
# every source sees (uk/bits/config.h, force-included).  kconfig.mk sorts
# them and adds the include guard, so the header does not depend on the order
# of the libraries in L (which changes the order of lines in the config).
#   CONFIG_X=y        -> #define CONFIG_X 1
#   CONFIG_S="text"   -> #define CONFIG_S "text"   (kconfig's escapes are C's)
#   CONFIG_N=12, 0x10 -> #define CONFIG_N 12
#   # CONFIG_X is not set, CONFIG_X=n -> nothing, so #ifdef/#if both work
/^CONFIG_[A-Za-z0-9_]+=/ {
	eq = index($0, "=")
	name = substr($0, 1, eq - 1)
	value = substr($0, eq + 1)
	if (value == "n" || value == "")
		next
	if (value == "y" || value == "m")
		value = 1
	print "#define " name " " value
}