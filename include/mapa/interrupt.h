/* What an interrupted command leaves: no temporary file (see mapa_remove_temporaries). */
#ifndef MAPA_INTERRUPT_H
#define MAPA_INTERRUPT_H

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Remove every temporary file mapa has open for writing (each output is
 * written beside its target and renamed at the end). Async-signal-safe: a
 * program calls it from its SIGINT / SIGTERM handler before it exits, and
 * the outputs are then each whole or absent.
 */
void mapa_remove_temporaries(void);

#ifdef __cplusplus
}
#endif

#endif
