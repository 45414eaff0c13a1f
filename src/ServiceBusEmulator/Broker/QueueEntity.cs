using Microsoft.Extensions.Logging;
using Platform.ServiceBusEmulator.Configuration;

namespace Platform.ServiceBusEmulator.Broker;

/// <summary>One queue (or dead-letter sub-queue): its messages, locks and consumers, guarded by one lock.</summary>
/// <remarks>Split over partial files by concern: sending (here), dispatch, settlement and maintenance.</remarks>
internal sealed partial class QueueEntity
{
    private readonly Lock _sync = new();
    private readonly SortedDictionary<long, StoredMessage> _all = [];
    private readonly SortedSet<long> _available = [];
    private readonly Dictionary<Guid, StoredMessage> _locked = [];
    private readonly Dictionary<string, DateTime> _seenMessageIds = new(StringComparer.Ordinal);
    private readonly Queue<(string Id, DateTime At)> _seenOrder = new();
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private long _nextSequenceNumber = 1;
    private long _bytes;

    public QueueEntity(string name, QueueProperties properties, QueueEntity? deadLetterQueue, TimeProvider time, ILogger logger)
    {
        Name = name;
        Properties = properties;
        DeadLetterQueue = deadLetterQueue;
        _time = time;
        _logger = logger;
    }

    public string Name { get; }

    public QueueProperties Properties { get; }

    public QueueEntity? DeadLetterQueue { get; }

    public long Bytes => Interlocked.Read(ref _bytes);

    public int Count
    {
        get
        {
            lock (_sync)
            {
                return _all.Count;
            }
        }
    }

    private DateTime UtcNow => _time.GetUtcNow().UtcDateTime;

    /// <summary>Stores the messages of one send (all or none); a scheduled time makes them wait.</summary>
    public EnqueueOutcome Enqueue(IReadOnlyList<IncomingMessage> messages, bool forceSchedule = false)
    {
        var sequenceNumbers = new List<long>(messages.Count);
        lock (_sync)
        {
            var now = UtcNow;
            PruneDuplicateHistory(now);
            if (QuotaError(messages) is { } error)
            {
                Log.QuotaExceeded(_logger, Name, error);
                return EnqueueOutcome.QuotaExceeded(error);
            }

            foreach (var incoming in messages)
            {
                if (IsDuplicate(incoming.MessageId, now))
                {
                    Log.DuplicateDropped(_logger, Name, incoming.MessageId);
                    sequenceNumbers.Add(0);
                    continue;
                }

                var scheduled = incoming.ScheduledEnqueueTime is { } at && (forceSchedule || at > now) ? at : (DateTime?)null;
                var stored = new StoredMessage(_nextSequenceNumber++, incoming.Payload)
                {
                    MessageId = incoming.MessageId,
                    TimeToLive = EffectiveTimeToLive(incoming.TimeToLive),
                    ScheduledEnqueueTime = scheduled,
                };
                Add(stored, now);
                sequenceNumbers.Add(stored.SequenceNumber);
            }
        }

        Pump();
        return new EnqueueOutcome(true, SequenceNumbers: sequenceNumbers);
    }

    /// <summary>Removes scheduled messages; unknown numbers are ignored, as Azure does.</summary>
    public void CancelScheduled(IEnumerable<long> sequenceNumbers)
    {
        lock (_sync)
        {
            foreach (var number in sequenceNumbers)
            {
                if (_all.TryGetValue(number, out var message) && message.State == MessageState.Scheduled)
                {
                    Remove(message);
                }
            }
        }
    }

    /// <summary>Takes a dead-lettered message from the parent queue, keeping its sequence number.</summary>
    public void AcceptDeadLettered(StoredMessage message, string source)
    {
        lock (_sync)
        {
            message.State = MessageState.Available;
            message.Deferred = false;
            message.LockToken = Guid.Empty;
            message.ExpiresAt = DateTime.MaxValue;
            message.DeadLetterSource = source;
            _all[message.SequenceNumber] = message;
            _available.Add(message.SequenceNumber);
            Interlocked.Add(ref _bytes, message.Size);
        }
    }

    private void Add(StoredMessage stored, DateTime now)
    {
        _all.Add(stored.SequenceNumber, stored);
        Interlocked.Add(ref _bytes, stored.Size);
        if (stored.ScheduledEnqueueTime is not null)
        {
            stored.State = MessageState.Scheduled;
            return;
        }

        Activate(stored, now);
    }

    private void Activate(StoredMessage stored, DateTime now)
    {
        stored.EnqueuedTime = now;
        stored.ExpiresAt = stored.TimeToLive is { } ttl && DateTime.MaxValue - now > ttl ? now + ttl : DateTime.MaxValue;
        stored.State = MessageState.Available;
        _available.Add(stored.SequenceNumber);
    }

    private void Remove(StoredMessage message)
    {
        _all.Remove(message.SequenceNumber);
        _available.Remove(message.SequenceNumber);
        if (message.LockToken != Guid.Empty)
        {
            _locked.Remove(message.LockToken);
        }

        Interlocked.Add(ref _bytes, -message.Size);
    }

    private TimeSpan? EffectiveTimeToLive(TimeSpan? requested)
    {
        var limit = Properties.DefaultMessageTimeToLive;
        if (requested is null)
        {
            return limit == TimeSpan.MaxValue ? null : limit;
        }

        return requested < limit ? requested : limit;
    }

    private string? QuotaError(IReadOnlyList<IncomingMessage> messages)
    {
        var maxBytes = (long)Properties.MaxSizeInMegabytes * 1024 * 1024;
        var size = Bytes + (DeadLetterQueue?.Bytes ?? 0) + messages.Sum(m => (long)m.Payload.Length);
        if (size > maxBytes)
        {
            return $"The maximum entity size has been reached or exceeded for Queue: '{Name}'. Size of entity in bytes: {size}, max entity size in bytes: {maxBytes}.";
        }

        var count = _all.Count + messages.Count;
        if (Properties.MaxMessageCount is { } maxCount && count > maxCount)
        {
            return $"Queue '{Name}' holds its maximum of {maxCount} messages (MaxMessageCount in the emulator configuration). Receive some or raise the limit.";
        }

        return null;
    }

    private bool IsDuplicate(string? messageId, DateTime now)
    {
        if (!Properties.RequiresDuplicateDetection || messageId is null)
        {
            return false;
        }

        if (_seenMessageIds.TryGetValue(messageId, out var seenAt) && now - seenAt < Properties.DuplicateDetectionHistoryTimeWindow)
        {
            return true;
        }

        _seenMessageIds[messageId] = now;
        _seenOrder.Enqueue((messageId, now));
        return false;
    }

    private void PruneDuplicateHistory(DateTime now)
    {
        while (_seenOrder.TryPeek(out var oldest) && now - oldest.At >= Properties.DuplicateDetectionHistoryTimeWindow)
        {
            _seenOrder.Dequeue();
            if (_seenMessageIds.TryGetValue(oldest.Id, out var at) && at == oldest.At)
            {
                _seenMessageIds.Remove(oldest.Id);
            }
        }
    }
}
