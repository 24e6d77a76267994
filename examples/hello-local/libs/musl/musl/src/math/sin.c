#include <math.h>

double sin(double x)
{
	return x - x * x * x / 6 + x * x * x * x * x / 120;
}
