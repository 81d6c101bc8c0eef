// The Java side of bench/str-decode.ts: a whole .str read with the reference libraries: every
// ZIP member inflated (java.util.zip), the main member (the first) decoded by the Fast Infoset
// reference into a DOM; and the DOM decode of the main member alone. Prints one JSON line with
// per-iteration wall times (ms), the process CPU time per whole-file run (all JVM threads) and
// the heap held by one decoded file (DOM + member bytes).
//
//   java -cp /usr/share/java/FastInfoset.jar bench/str-decode.java <file.str> <iterations>
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

public class StrDecode {
    static Object decode(byte[] file) throws Exception {
        List<byte[]> members = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(file))) {
            ZipEntry e;
            byte[] buffer = new byte[1 << 16];
            while ((e = zip.getNextEntry()) != null) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (int n; (n = zip.read(buffer)) > 0; ) out.write(buffer, 0, n);
                members.add(out.toByteArray());
            }
        }
        return new Object[] { dom(members.get(0)), members };
    }

    static org.w3c.dom.Document dom(byte[] fi) throws Exception {
        org.w3c.dom.Document document = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
        new com.sun.xml.fastinfoset.dom.DOMDocumentParser().parse(document, new ByteArrayInputStream(fi));
        return document;
    }

    public static void main(String[] args) throws Exception {
        byte[] file = Files.readAllBytes(Paths.get(args[0]));
        int iterations = Integer.parseInt(args[1]);
        byte[] main;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(file))) {
            zip.getNextEntry();
            main = zip.readAllBytes();
        }
        for (int i = 0; i < iterations; i++) dom(main);
        double[] domTimes = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long s = System.nanoTime();
            dom(main);
            domTimes[i] = (System.nanoTime() - s) / 1e6;
        }
        long t0 = System.nanoTime();
        decode(file);
        double first = (System.nanoTime() - t0) / 1e6;
        for (int i = 0; i < iterations; i++) decode(file);
        com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        double[] times = new double[iterations];
        long cpuStart = os.getProcessCpuTime();
        for (int i = 0; i < iterations; i++) {
            long s = System.nanoTime();
            decode(file);
            times[i] = (System.nanoTime() - s) / 1e6;
        }
        double cpu = (os.getProcessCpuTime() - cpuStart) / 1e6 / iterations;
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        Object kept = decode(file);
        for (int i = 0; i < 3; i++) System.gc();
        long after = rt.totalMemory() - rt.freeMemory();
        if (kept == null) System.out.print("");
        System.out.println("{\"first\":" + first + ",\"times\":" + Arrays.toString(times) + ",\"cpu\":" + cpu + ",\"domTimes\":" + Arrays.toString(domTimes) + ",\"retainedMb\":" + (after - before) / 1048576.0 + "}");
    }
}
