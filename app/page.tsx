export default function Page() {
  return <main>Kimi Workbench</main>;
}
