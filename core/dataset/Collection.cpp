#include "dataset/Collection.h"

#include "Error.h"
#include "corpus/MusicXmlReader.h"
#include "grammar/Encoder.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <thread>

namespace jazz::dataset {

namespace {

namespace fs = std::filesystem;

// Fewer values than this, or a single bar, teaches nothing and cannot fill one window.
constexpr size_t kMinValues = 8;
constexpr size_t kMinMeasures = 2;

std::string lower(std::string s) {
    for (char& c : s)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

struct FileResult {
    std::vector<corpus::LeadSheet> sheets;
    std::vector<std::vector<std::vector<grammar::Value>>> encoded; // per sheet, per measure
    std::string error;                                             // empty: usable
};

FileResult readFile(const std::string& path, const corpus::ImportOptions& options) {
    FileResult r;
    try {
        r.sheets = corpus::loadLeadSheets(path, options);
        for (const auto& sheet : r.sheets) {
            auto encoded = grammar::encode(sheet);
            size_t values = 0, bars = 0;
            for (const auto& m : encoded) {
                values += m.size();
                bars += m.empty() ? 0 : 1;
            }
            if (values < kMinValues || bars < kMinMeasures)
                throw Error(path + ": too short: " + std::to_string(values) + " values in " +
                            std::to_string(bars) + (bars == 1 ? " bar" : " bars") +
                            " (at least " + std::to_string(kMinValues) + " values over " +
                            std::to_string(kMinMeasures) + " bars are needed)");
            r.encoded.push_back(std::move(encoded));
        }
        if (r.sheets.empty())
            throw Error(path + ": no tunes in the file");
    } catch (const Error& e) {
        r = FileResult{};
        r.error = skipReason(e.what(), path);
    } catch (const std::exception& e) { // e.g. std::bad_alloc on a hostile file
        r = FileResult{};
        r.error = std::string("unreadable: ") + e.what();
    }
    return r;
}

} // namespace

std::string skipReason(const std::string& message, const std::string& path) {
    const std::string prefix = path + ": ";
    if (message.compare(0, prefix.size(), prefix) == 0)
        return message.substr(prefix.size());
    return message;
}

bool isCorpusFileName(const std::string& path) {
    const std::string ext = lower(fs::path(path).extension().string());
    return ext == ".mid" || ext == ".midi" || ext == ".txt" || corpus::isMusicXml(path);
}

std::vector<std::string> collectCorpusFiles(const std::vector<std::string>& paths,
                                            std::vector<SkippedFile>* missing) {
    std::vector<std::string> files;
    for (const std::string& p : paths) {
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            std::vector<std::string> found;
            auto it = fs::recursive_directory_iterator(
                p, fs::directory_options::skip_permission_denied, ec);
            for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
                const std::string name = it->path().filename().string();
                if (!name.empty() && name[0] == '.') { // hidden files and folders
                    if (it->is_directory(ec))
                        it.disable_recursion_pending();
                    continue;
                }
                if (it->is_regular_file(ec) && isCorpusFileName(name))
                    found.push_back(it->path().string());
            }
            if (ec && missing)
                missing->push_back({p, "folder cannot be read: " + ec.message()});
            std::sort(found.begin(), found.end());
            files.insert(files.end(), found.begin(), found.end());
        } else if (fs::exists(p, ec)) {
            files.push_back(p);
        } else if (missing) {
            missing->push_back({p, "no such file or folder"});
        }
    }
    return files;
}

TrainingCorpus loadCollection(const std::vector<std::string>& paths,
                              const CollectionOptions& options, CollectionReport* report) {
    CollectionReport local;
    CollectionReport& rep = report ? *report : local;
    rep = CollectionReport{};
    if (paths.empty())
        throw Error("no corpus files given");
    std::vector<SkippedFile> missing;
    const std::vector<std::string> files = collectCorpusFiles(paths, &missing);
    if (options.strict && !missing.empty())
        throw Error(missing.front().file + ": " + missing.front().reason);

    // Two threads take files in turn; results land by index, so the corpus's order (and
    // with it the vocabulary, the windows and the validation split) does not depend on timing.
    std::vector<FileResult> results(files.size());
    std::atomic<size_t> next{0}, done{0};
    std::atomic<bool> stop{false};
    auto work = [&](bool reporting) {
        for (size_t i; !stop && (i = next++) < files.size();) {
            if (options.cancel && options.cancel->load()) {
                stop = true;
                break;
            }
            results[i] = readFile(files[i], options.import);
            if (options.strict && !results[i].error.empty())
                stop = true;
            ++done;
            if (reporting && options.progress)
                options.progress(int(done), int(files.size()));
        }
    };
    {
        const bool two = files.size() > 1 && std::thread::hardware_concurrency() >= 2;
        std::thread helper;
        if (two)
            helper = std::thread(work, false);
        work(true);
        if (helper.joinable())
            helper.join();
    }
    if (options.cancel && options.cancel->load())
        throw Error("import cancelled");
    if (options.progress)
        options.progress(int(done), int(files.size()));

    TrainingCorpus c;
    rep.skipped = missing;
    for (size_t i = 0; i < files.size(); ++i) {
        FileResult& r = results[i];
        if (r.error.empty() && r.sheets.empty())
            continue; // not reached: a strict run stopped first
        if (r.error.empty()) {
            const bool text = corpus::isTextCorpus(files[i]);
            try {
                for (size_t s = 0; s < r.sheets.size(); ++s)
                    addEncodedSheet(c, r.sheets[s], r.encoded[s],
                                    text ? r.sheets[s].source : files[i]);
                rep.used.push_back(files[i]);
                continue;
            } catch (const Error& e) {
                r.error = skipReason(e.what(), files[i]);
            }
        }
        if (options.strict)
            throw Error(files[i] + ": " + r.error);
        rep.skipped.push_back({files[i], r.error});
    }
    if (rep.used.empty()) {
        std::string why = files.empty() ? "no corpus files found in " + std::to_string(paths.size()) +
                                              (paths.size() == 1 ? " path" : " paths")
                                        : "no usable corpus file among " +
                                              std::to_string(files.size());
        for (const auto& s : rep.skipped)
            why += "\n  " + s.file + ": " + s.reason;
        throw Error(why);
    }
    finishCorpus(c);
    return c;
}

} // namespace jazz::dataset
