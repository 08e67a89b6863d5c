// A musician's collection as training data: files and folders (searched recursively) of MIDI
// solos, text corpora and the other formats the corpus readers take. A file that cannot be used
// is skipped with its reason and the rest go on; only a collection with no usable file fails.
#pragma once

#include "corpus/Import.h"
#include "dataset/TrainingCorpus.h"

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace jazz::dataset {

struct SkippedFile {
    std::string file;
    std::string reason; // without the file name: "no chordal track found ..."
};

struct CollectionOptions {
    corpus::ImportOptions import; // track and window choices, applied to every MIDI file
    bool strict = false;          // any unusable file is an error
    // Called on the calling thread after files are read: (files done, files in all).
    std::function<void(int, int)> progress;
    const std::atomic<bool>* cancel = nullptr; // stops between files; throws jazz::Error
};

struct CollectionReport {
    std::vector<std::string> used;    // files that gave at least one lead sheet
    std::vector<SkippedFile> skipped; // in the order found
    int files() const { return int(used.size() + skipped.size()); }
};

// The corpus files named by `paths`: files as given (whatever their extension), folders
// searched recursively for the readable extensions (sorted, hidden entries left out). A path
// that does not exist is reported in `missing`.
std::vector<std::string> collectCorpusFiles(const std::vector<std::string>& paths,
                                            std::vector<SkippedFile>* missing);
// An error's message without the file name it starts with ("FILE: reason" -> "reason"), for a
// list that names each file once.
std::string skipReason(const std::string& message, const std::string& path);

// Whether a folder search picks up this file name (.mid, .midi, .txt, .musicxml, .xml, .mxl).
bool isCorpusFileName(const std::string& path);

// Reads and encodes every file (on two threads), in a stable order. Throws jazz::Error naming
// every file and its reason if none is usable, or the first bad file when strict.
TrainingCorpus loadCollection(const std::vector<std::string>& paths,
                              const CollectionOptions& options, CollectionReport* report);

} // namespace jazz::dataset
