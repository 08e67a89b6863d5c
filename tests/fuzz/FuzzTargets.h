// Entry points for fuzzing every parser that reads outside input: each takes arbitrary bytes,
// must either accept them or throw jazz::Error, and exercises what a musician's file goes on to
// meet (import, encoding, re-serialization). Any other exception, crash, hang or sanitizer
// report is a bug. Used by the libFuzzer executables (JAZZ_FUZZ=ON, clang) and by the ordinary
// test that replays the saved regression inputs in every build.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace jazz::fuzz {

using Target = void (*)(const uint8_t* data, size_t size);

void midiFile(const uint8_t* data, size_t size);     // midi::parse, then import and encode
void chordSymbols(const uint8_t* data, size_t size); // ChordSymbol and Progression parsers
void grammarValue(const uint8_t* data, size_t size); // Value::parse, then decode a measure
void modelFile(const uint8_t* data, size_t size);    // parseModel, then run the model
void sessionFile(const uint8_t* data, size_t size);  // parseSession, then round-trip
void textCorpus(const uint8_t* data, size_t size);   // parseTextCorpus, then encode
void irealLink(const uint8_t* data, size_t size);    // iReal links and charts, chord charts
void musicXml(const uint8_t* data, size_t size);     // parseMusicXml (XML or .mxl), then encode
void midiInput(const uint8_t* data, size_t size);    // live MIDI: pair, quantize, encode

struct NamedTarget {
    const char* name; // also the folder of its seeds and regression inputs
    Target run;
};
const std::vector<NamedTarget>& targets();

// Small valid inputs of each kind, made by the project's own writers, to start fuzzing from.
std::vector<std::vector<uint8_t>> seeds(const std::string& target);

} // namespace jazz::fuzz
