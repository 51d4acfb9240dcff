package dev.highwater.bench;

/**
 * One command run as a whole process.
 *
 * @param wallSeconds      from starting it to the end of its output and its exit
 * @param firstByteSeconds from starting it to the first byte on its standard output (NaN when it printed nothing)
 * @param cpuSeconds       user + system time of the process
 * @param peakMegabytes    its highest resident set
 * @param printed          records or lines its output sink counted
 */
record ProcessRun(double wallSeconds, double firstByteSeconds, double cpuSeconds, double peakMegabytes,
                  long printed) {
}
