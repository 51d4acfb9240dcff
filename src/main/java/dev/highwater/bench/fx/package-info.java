/**
 * The benchmarks that put real screens on a display and count their frames. They live with the other benchmarks,
 * not beside the screens, so that the UI never depends on benchmark code and the composition root need not know
 * them: the command line's {@code bench} reaches them directly. This package is the only benchmark code allowed
 * to use the UI and JavaFX; it drives the screens only through their public models and views (the Messages
 * model's count of records read is public for this reason).
 */
package dev.highwater.bench.fx;
