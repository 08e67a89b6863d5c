// A private JACK server with the dummy driver (no sound card needed), for the MIDI loopback
// test and the timing benchmark. RtMidi's JACK clients created after start() join it.
#pragma once

#include <QProcess>
#include <QString>

namespace jazz::playback {

class JackServer {
public:
    ~JackServer();
    // Starts `jackd -n NAME -d dummy -r RATE -p PERIOD` and points this process's JACK clients
    // at it (JACK_DEFAULT_SERVER). Returns false with *error when jackd cannot run here.
    bool start(const QString& name, int rate, int period, QString* error);
    void stop();
    // Connects two ports by full name ("client:port"); false with *error on failure.
    bool connect(const QString& from, const QString& to, QString* error);
    bool disconnect(const QString& from, const QString& to, QString* error);
    QString name() const { return name_; }

private:
    QProcess process_;
    QString name_;
};

} // namespace jazz::playback
