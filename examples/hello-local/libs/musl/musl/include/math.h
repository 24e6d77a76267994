#ifndef MATH_H
#define MATH_H
double frexp(double x, int *e);
double fabs(double x);
double floor(double x);
double sin(double x);
double cos(double x);
double sqrt(double x);
#endif
