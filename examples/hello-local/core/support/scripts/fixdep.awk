# fixdep: make rules for one object from the dependency list the compiler
# wrote with -Wp,-MD,<file>, like Unikraft's support/kconfig/fixdep.c:
#   awk -v target=<object> -f fixdep.awk <file> > <object .d>
# The compiler's own target is dropped for make's name of the object (see
# build.mk).  The first prerequisite is the source, which the object's rule
# names already.  The others are kept as written: a relative one (ccache's
# base_dir writes them) is relative to the core, where both make and the
# compiler run.  Each gets an empty rule of its own, so a deleted header does
# not stop make.
{
	sub(/\\$/, "")
	for (i = 1; i <= NF; i++) {
		if ($i ~ /:$/) {
			targets++
		} else if (targets == 1 && !source) {
			source = $i
		} else if (targets && !($i in seen)) {
			seen[$i] = 1
			deps[++n] = $i
		}
	}
}
END {
	if (!source) {
		print "fixdep: no target in " FILENAME > "/dev/stderr"
		exit 1
	}
	printf "%s:", target
	for (i = 1; i <= n; i++)
		printf " \\\n  %s", deps[i]
	printf "\n"
	for (i = 1; i <= n; i++)
		printf "\n%s:\n", deps[i]
}
