(function(){
function overlay(msg){var o=document.getElementById("banhanh-loi");if(!msg){if(o)o.remove();return;}
if(!o){o=document.createElement("div");o.id="banhanh-loi";o.setAttribute("role","alert");o.setAttribute("style",STYLE);
o.innerHTML="<strong></strong><pre style=\"white-space:pre-wrap;font:14px/1.45 ui-monospace,monospace;margin:.5rem 0 0\"></pre>";
document.body.appendChild(o);}
o.querySelector("strong").textContent=TITLE;o.querySelector("pre").textContent=msg;}
var es=new EventSource(EVENTS);
es.addEventListener("reload",function(e){var d=JSON.parse(e.data);
if(d.paths.indexOf(location.pathname)>=0||d.paths.indexOf("*")>=0)location.reload();else overlay(null);});
es.addEventListener("build-error",function(e){overlay(JSON.parse(e.data).message);});
})();
