// A private JACK server with the dummy driver (no sound card needed), for the MIDI loopback
// test and the timing benchmark. RtMidi's JACK clients created after start() join it.
#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace jazz::playback {

class JackServer {
public:
    ~JackServer();
    // Starts `jackd -S -n NAME -d dummy -r RATE -p PERIOD` and points this process's JACK clients
    // at it (JACK_DEFAULT_SERVER). Returns false with *error when jackd cannot run here.
    // `synchronous` false leaves out -S (JACK's default mode; see start() for why we avoid it).
    bool start(const QString& name, int rate, int period, QString* error, bool synchronous = true);
    void stop();
    // Connects two ports by full name ("client:port"); false with *error on failure.
    bool connect(const QString& from, const QString& to, QString* error);
    bool disconnect(const QString& from, const QString& to, QString* error);
    QString name() const { return name_; }
    // The last lines jackd printed (xruns, errors), from its log file.
    QString logTail(int maxLines = 20) const;
    qint64 logSize() const; // bytes jackd has printed so far

private:
    QProcess process_;
    QString name_;
    // jackd's output goes to a file here, never to a pipe: nobody reads a pipe while a test or
    // the benchmark is busy, and once its 64 KiB filled with xrun reports, jackd blocked
    // writing them, and with it every client (a 15 s benchmark hung for minutes).
    std::unique_ptr<QTemporaryDir> logDir_;
};

} // namespace jazz::playback
