using Faas.Vmm.Devices.Serial;
using Faas.Vmm.Tests.Devices.Support;

namespace Faas.Vmm.Tests.Devices.Serial;

public sealed class Serial8250Tests
{
    private const ulong Rx = 0, Tx = 0, Dll = 0, Ier = 1, Dlm = 1, Iir = 2, Fcr = 2, Lcr = 3, Mcr = 4, Lsr = 5, Msr = 6, Scr = 7;

    private readonly RecordingInterruptLine _interrupt = new();
    private readonly List<byte> _output = [];
    private readonly Serial8250 _serial;

    public Serial8250Tests() => _serial = new Serial8250(_interrupt, bytes => _output.AddRange(bytes.ToArray()));

    [Fact]
    public void Linux_autoconfig_identifies_a_16550A()
    {
        // The IER existence test.
        var saved = In(Ier);
        Out(Ier, 0);
        var scratch2 = In(Ier) & 0x0f;
        Out(Ier, 0x0f);
        var scratch3 = In(Ier) & 0x0f;
        Out(Ier, saved);
        Assert.Equal(0, scratch2);
        Assert.Equal(0x0f, scratch3);

        // The loopback test: MCR = LOOP | OUT2 | RTS must read back as DCD | CTS.
        var savedMcr = In(Mcr);
        Out(Mcr, 0x10 | 0x0a);
        Assert.Equal(0x90, In(Msr) & 0xf0);
        Out(Mcr, savedMcr);

        // The FIFO test: with the FIFO enabled, IIR's top bits read 11 (a 16550A).
        Out(Lcr, 0xbf);
        Out(Fcr, 0);
        Out(Lcr, 0);
        Out(Fcr, 0x01);
        Assert.Equal(3, In(Iir) >> 6);

        // The XScale test: IER bit 6 (UUE) must not stick.
        Out(Ier, 0x40);
        Assert.Equal(0, In(Ier) & 0x40);

        // The scratch register keeps what was written; LSR never reads as 0xff.
        Out(Scr, 0xa5);
        Assert.Equal(0xa5, In(Scr));
        Assert.NotEqual(0xff, In(Lsr));
    }

    [Fact]
    public void Divisor_latch_is_reached_through_DLAB_and_hides_THR_and_IER()
    {
        Out(Ier, 0x05);
        Out(Lcr, 0x83);
        Out(Dll, 0x01);
        Out(Dlm, 0x02);
        Assert.Equal(0x01, In(Dll));
        Assert.Equal(0x02, In(Dlm));
        Assert.Empty(_output);

        Out(Lcr, 0x03);
        Assert.Equal(0x05, In(Ier));
        Assert.Equal(0x03, In(Lcr));
        Out(Tx, (byte)'x');
        Assert.Equal("x"u8.ToArray(), _output);
        Out(Lcr, 0x83);
        Assert.Equal(0x01, In(Dll));
        Assert.Equal(0x02, In(Dlm));
    }

    [Fact]
    public void Transmitted_bytes_go_to_the_output_and_the_line_status_is_always_ready()
    {
        foreach (var b in "hello\n"u8)
        {
            Assert.Equal(0x60, In(Lsr) & 0x60);
            Out(Tx, b);
        }

        Assert.Equal("hello\n"u8.ToArray(), _output);
        Assert.Equal(0x60, In(Lsr));
    }

    [Fact]
    public void Transmitter_empty_interrupt_follows_the_16550_rules()
    {
        Out(Fcr, 0x01);
        Assert.Equal(0xc1, In(Iir));
        Assert.Equal(0, _interrupt.Count);

        // Enabling THRI while the holding register is empty raises the interrupt at once.
        Out(Ier, 0x02);
        Assert.Equal(1, _interrupt.Count);
        Assert.Equal(0xc2, In(Iir));

        // Reading IIR cleared it; a write to THR raises it again once the byte is gone.
        Assert.Equal(0xc1, In(Iir));
        Out(Tx, (byte)'a');
        Assert.Equal(2, _interrupt.Count);

        // A second write while it is still pending is no new edge.
        Out(Tx, (byte)'b');
        Assert.Equal(2, _interrupt.Count);
        Assert.Equal(0xc2, In(Iir));
        Assert.Equal(0xc1, In(Iir));

        // Linux's THRE test at startup: both reads after enabling THRI see the interrupt.
        Out(Ier, 0);
        Out(Ier, 0x02);
        var iir1 = In(Iir);
        Out(Ier, 0);
        Out(Ier, 0x02);
        var iir = In(Iir);
        Out(Ier, 0);
        Assert.Equal(0, iir1 & 0x01);
        Assert.Equal(0, iir & 0x01);
    }

    [Fact]
    public void Received_bytes_raise_the_data_interrupt_until_they_are_read()
    {
        Out(Ier, 0x01);
        Assert.Equal(0x01, In(Iir) & 0x0f);
        Assert.Equal(0, In(Lsr) & 0x01);

        _serial.Input("ok"u8);
        Assert.Equal(1, _interrupt.Count);
        Assert.Equal(0x04, In(Iir) & 0x0f);
        Assert.Equal(0x01, In(Lsr) & 0x01);

        // More input while the interrupt is asserted is no new edge.
        _serial.Input("!"u8);
        Assert.Equal(1, _interrupt.Count);

        Assert.Equal((byte)'o', In(Rx));
        Assert.Equal((byte)'k', In(Rx));
        Assert.Equal((byte)'!', In(Rx));
        Assert.Equal(0, In(Lsr) & 0x01);
        Assert.Equal(0x01, In(Iir) & 0x0f);

        _serial.Input("again"u8);
        Assert.Equal(2, _interrupt.Count);
    }

    [Fact]
    public void Input_beyond_the_fifo_is_dropped_and_reported_as_an_overrun()
    {
        Out(Ier, 0x05);
        var input = Enumerable.Range(0, Serial8250.InputCapacity + 10).Select(i => (byte)i).ToArray();
        _serial.Input(input);

        Assert.Equal(0x06, In(Iir) & 0x0f);
        var lsr = In(Lsr);
        Assert.Equal(0x02, lsr & 0x02);
        Assert.Equal(0x01, lsr & 0x01);
        Assert.Equal(0, In(Lsr) & 0x02);
        Assert.Equal(0x04, In(Iir) & 0x0f);

        var received = new List<byte>();
        while ((In(Lsr) & 0x01) != 0)
        {
            received.Add(In(Rx));
        }

        Assert.Equal(input[..Serial8250.InputCapacity], received);
    }

    [Fact]
    public void Loopback_returns_transmitted_bytes_as_received_ones_up_to_the_chip_fifo()
    {
        Out(Fcr, 0x07);
        Out(Mcr, 0x10);
        for (var i = 0; i < 256; i++)
        {
            Out(Tx, (byte)i);
        }

        var count = 0;
        while ((In(Lsr) & 0x01) != 0 && count < 256)
        {
            Assert.Equal((byte)count, In(Rx));
            count++;
        }

        Assert.Equal(16, count);
        Assert.Empty(_output);
        Out(Mcr, 0x08);
        Assert.Equal(0xb0, In(Msr));
    }

    [Fact]
    public void Clearing_the_receive_fifo_drops_pending_input()
    {
        _serial.Input("abc"u8);
        Out(Fcr, 0x03);
        Assert.Equal(0, In(Lsr) & 0x01);
    }

    [Fact]
    public void Unknown_offsets_and_wide_accesses_never_throw()
    {
        var random = new Random(42);
        var data = new byte[8];
        for (var i = 0; i < 10_000; i++)
        {
            random.NextBytes(data);
            var offset = (ulong)random.Next(0, 64);
            var length = random.Next(0, 9);
            if (random.Next(2) == 0)
            {
                _serial.Write(offset, data.AsSpan(0, length));
            }
            else
            {
                _serial.Read(offset, data.AsSpan(0, length));
            }
        }

        Span<byte> beyond = [0xff];
        _serial.Read(100, beyond);
        Assert.Equal(0, beyond[0]);
    }

    [Fact]
    public void A_snapshot_round_trip_keeps_registers_pending_input_and_interrupts()
    {
        Out(Lcr, 0x83);
        Out(Dll, 0x03);
        Out(Lcr, 0x03);
        Out(Ier, 0x03);
        Out(Fcr, 0x01);
        Out(Scr, 0x5a);
        _serial.Input("snapshot"u8);
        Assert.Equal((byte)'s', In(Rx));

        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            _serial.Save(writer);
        }

        var restoredOutput = new List<byte>();
        var restoredInterrupt = new RecordingInterruptLine();
        var restored = new Serial8250(restoredInterrupt, bytes => restoredOutput.AddRange(bytes.ToArray()));
        stream.Position = 0;
        using (var reader = new BinaryReader(stream))
        {
            restored.Restore(reader);
        }

        Assert.Equal(0x03, In(restored, Ier));
        Assert.Equal(0x5a, In(restored, Scr));
        Assert.Equal(0xc4, In(restored, Iir));
        var rest = new List<byte>();
        while ((In(restored, Lsr) & 0x01) != 0)
        {
            rest.Add(In(restored, Rx));
        }

        Assert.Equal("napshot"u8.ToArray(), rest);
        Out(restored, Lcr, 0x83);
        Assert.Equal(0x03, In(restored, Dll));
        Out(restored, Lcr, 0x03);
        Out(restored, Tx, (byte)'z');
        Assert.Equal("z"u8.ToArray(), restoredOutput);
    }

    [Fact]
    public void Restoring_garbage_throws_InvalidDataException_and_keeps_the_device_usable()
    {
        using var valid = new MemoryStream();
        using (var writer = new BinaryWriter(valid, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            _serial.Save(writer);
        }

        var bytes = valid.ToArray();
        AssertRestoreFails([]);
        AssertRestoreFails(bytes[..^1]);
        AssertRestoreFails([.. bytes[..4], 99, .. bytes[5..]]);
        var tooMuchInput = (byte[])bytes.Clone();
        BitConverter.TryWriteBytes(tooMuchInput.AsSpan(bytes.Length - 4), Serial8250.InputCapacity + 1);
        AssertRestoreFails(tooMuchInput);
        var badFlag = (byte[])bytes.Clone();
        badFlag[11] = 7;
        AssertRestoreFails(badFlag);
        var badIer = (byte[])bytes.Clone();
        badIer[7] = 0xf0;
        AssertRestoreFails(badIer);
        var random = new Random(3);
        for (var i = 0; i < 200; i++)
        {
            var garbage = new byte[random.Next(0, 64)];
            random.NextBytes(garbage);
            AssertRestoreFails(garbage);
        }

        Out(Tx, (byte)'k');
        Assert.Equal("k"u8.ToArray(), _output);
    }

    private void AssertRestoreFails(byte[] state)
    {
        using var reader = new BinaryReader(new MemoryStream(state));
        Assert.Throws<InvalidDataException>(() => _serial.Restore(reader));
    }

    private byte In(ulong offset) => In(_serial, offset);

    private void Out(ulong offset, byte value) => Out(_serial, offset, value);

    private static byte In(Serial8250 serial, ulong offset)
    {
        Span<byte> data = stackalloc byte[1];
        serial.Read(offset, data);
        return data[0];
    }

    private static void Out(Serial8250 serial, ulong offset, byte value) => serial.Write(offset, [value]);
}
